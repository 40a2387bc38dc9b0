import COS from "cos-nodejs-sdk-v5";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUCKET, type Harness, REGION, SECRET_ID, SECRET_KEY, startHarness } from "./harness";

/**
 * The official cos-nodejs-sdk-v5, configured only through documented options, must work
 * against the local bucket unchanged: that is how we know the local bucket is faithful.
 */

let h: Harness;
let pathStyle: COS;
let photo: Buffer;

function sdk(options: Partial<COS.COSOptions>): COS {
  return new COS({ SecretId: SECRET_ID, SecretKey: SECRET_KEY, Protocol: "http:", ...options });
}

/** A 400×300 PNG with real content (so thumbnails and colours are meaningful). */
async function makePhoto(): Promise<Buffer> {
  const pixels = Buffer.alloc(400 * 300 * 3);
  for (let y = 0; y < 300; y++) {
    for (let x = 0; x < 400; x++) {
      const i = (y * 400 + x) * 3;
      pixels[i] = x % 256;
      pixels[i + 1] = y % 256;
      pixels[i + 2] = 128;
    }
  }
  return sharp(pixels, { raw: { width: 400, height: 300, channels: 3 } })
    .png()
    .toBuffer();
}

beforeAll(async () => {
  h = await startHarness();
  pathStyle = sdk({ Domain: `127.0.0.1:${h.bucket.port}/{Bucket}` });
  photo = await makePhoto();
});
afterAll(async () => {
  await h.dispose();
});

const base = { Bucket: BUCKET, Region: REGION };

/** How the SDK hands back `<UploadResult>` (fast-xml-parser, every value a string; one rule → one object). */
interface SdkUploadResult {
  UploadResult: {
    OriginalInfo: { Key: string; Location: string; ETag: string; ImageInfo?: Record<string, string> };
    ProcessResults: { Object: Record<string, string> };
  };
}

describe("cos-nodejs-sdk-v5 against the local bucket", () => {
  it("putObject with Pic-Operations: UploadResult fields and the real output on disk", async () => {
    const picOperations = JSON.stringify({
      is_pic_info: 1,
      rules: [{ fileid: "thumbs/cat-200.jpg", rule: "imageMogr2/thumbnail/200x/format/jpg" }],
    });
    const data = await pathStyle.putObject({
      ...base,
      Key: "sdk/cat.png",
      Body: photo,
      Headers: { "Pic-Operations": picOperations },
    });
    expect(data.statusCode).toBe(200);
    const result = (data as unknown as SdkUploadResult).UploadResult;
    expect(result.OriginalInfo.Key).toBe("sdk/cat.png");
    expect(result.OriginalInfo.Location).toBe(`${BUCKET}.cos.${REGION}.myqcloud.com/sdk/cat.png`);
    expect(result.OriginalInfo.ImageInfo).toMatchObject({ Format: "PNG", Width: "400", Height: "300" });
    const output = result.ProcessResults.Object;
    expect(output.Key).toBe("sdk/thumbs/cat-200.jpg");
    expect(output.Location).toBe(`${BUCKET}.cos.${REGION}.myqcloud.com/sdk/thumbs/cat-200.jpg`);
    expect(output.Format).toBe("JPEG");
    expect(output.Width).toBe("200");
    expect(output.Height).toBe("150");

    const stored = await pathStyle.getObject({ ...base, Key: "sdk/thumbs/cat-200.jpg" });
    const meta = await sharp(stored.Body as Buffer).metadata();
    expect(meta.format).toBe("jpeg");
    expect([meta.width, meta.height]).toEqual([200, 150]);
    expect(Number(output.Size)).toBe((stored.Body as Buffer).length);
    expect(output.ETag).toBe(stored.ETag);
    expect(stored.headers?.["content-type"]).toBe("image/jpeg");
  });

  it("getObject of the original, headObject, getBucket and deleteObject", async () => {
    const original = await pathStyle.getObject({ ...base, Key: "sdk/cat.png" });
    expect((original.Body as Buffer).equals(photo)).toBe(true);

    const head = await pathStyle.headObject({ ...base, Key: "sdk/cat.png" });
    expect(head.statusCode).toBe(200);
    expect(head.headers?.["content-length"]).toBe(String(photo.length));

    const listing = await pathStyle.getBucket({ ...base, Prefix: "sdk/", Delimiter: "/" });
    expect(listing.Contents.map((c) => c.Key)).toEqual(["sdk/cat.png"]);
    expect(listing.CommonPrefixes.map((p) => p.Prefix)).toEqual(["sdk/thumbs/"]);
    expect(listing.IsTruncated).toBe("false");

    await pathStyle.putObject({ ...base, Key: "sdk/delete-me.txt", Body: Buffer.from("x") });
    const deleted = await pathStyle.deleteObject({ ...base, Key: "sdk/delete-me.txt" });
    expect(deleted.statusCode).toBe(204);
    await expect(pathStyle.headObject({ ...base, Key: "sdk/delete-me.txt" })).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it("POST ?image_process on a stored object through request()", async () => {
    const data = (await pathStyle.request({
      ...base,
      Method: "POST",
      Key: "sdk/cat.png",
      Action: "image_process",
      Headers: {
        "Pic-Operations": JSON.stringify({
          is_pic_info: 0,
          rules: [{ fileid: "/cloud/cat-square.png", rule: "imageMogr2/thumbnail/100x100!" }],
        }),
      },
    })) as unknown as SdkUploadResult;
    const output = data.UploadResult.ProcessResults.Object;
    expect(output.Key).toBe("cloud/cat-square.png");
    expect([output.Width, output.Height]).toEqual(["100", "100"]);
    const stored = await pathStyle.getObject({ ...base, Key: "cloud/cat-square.png" });
    const meta = await sharp(stored.Body as Buffer).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 100, 100]);
  });

  it("getObject with a QueryString rule returns processed bytes and stores nothing", async () => {
    const data = await pathStyle.getObject({
      ...base,
      Key: "sdk/cat.png",
      QueryString: "imageMogr2/thumbnail/80x/format/webp",
    });
    expect(data.headers?.["content-type"]).toBe("image/webp");
    const meta = await sharp(data.Body as Buffer).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 80, 60]);
    const listing = await pathStyle.getBucket({ ...base, Prefix: "sdk/" });
    expect(listing.Contents.map((c) => c.Key)).toEqual(["sdk/cat.png", "sdk/thumbs/cat-200.jpg"]);
  });

  it("request({ Query: { imageInfo: '' } }) answers COS's JSON of strings", async () => {
    const data = (await pathStyle.request({
      ...base,
      Method: "GET",
      Key: "sdk/cat.png",
      Query: { imageInfo: "" },
      RawBody: true,
    })) as unknown as { Body: Buffer | string };
    const info = JSON.parse(String(data.Body));
    expect(info).toMatchObject({ format: "png", width: "400", height: "300", size: String(photo.length) });
    expect(Object.values(info).every((v) => typeof v === "string")).toBe(true);
  });

  it("a wrong SecretKey fails with SignatureDoesNotMatch, 403", async () => {
    const wrong = sdk({ Domain: `127.0.0.1:${h.bucket.port}/{Bucket}`, SecretKey: "not-the-key" });
    await expect(wrong.headObject({ ...base, Key: "sdk/cat.png" })).rejects.toMatchObject({
      statusCode: 403,
    });
    const error = await wrong.getObject({ ...base, Key: "sdk/cat.png" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "SignatureDoesNotMatch", statusCode: 403 });
  });

  it("also works with virtual-host addressing through the Ip option", async () => {
    const virtual = sdk({ Ip: `127.0.0.1:${h.bucket.port}` });
    await virtual.putObject({ ...base, Key: "vhost/hello.txt", Body: Buffer.from("hello over vhost") });
    const data = await virtual.getObject({ ...base, Key: "vhost/hello.txt" });
    expect(String(data.Body)).toBe("hello over vhost");
    const fromPathStyle = await pathStyle.getObject({ ...base, Key: "vhost/hello.txt" });
    expect(String(fromPathStyle.Body)).toBe("hello over vhost");
  });
});
