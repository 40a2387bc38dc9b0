import COS from "cos-nodejs-sdk-v5";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeUrlSafeBase64 } from "../../../shared/rules/base64";
import {
  CI_DOCUMENTED_EXAMPLES,
  type DocumentedExample,
  withWatermark,
} from "../../fixtures/ci-documented-examples";
import { sceneImage } from "../../fixtures/images";
import { BUCKET, type Harness, REGION, SECRET_ID, SECRET_KEY, startHarness } from "./harness";

/**
 * Issue 18, point 5: every rule of CI's pages and the official SDK demos goes through the
 * official cos-nodejs-sdk-v5 into the Local bucket — PUT with Pic-Operations and POST
 * `?image_process` — and comes back with the size and format its page gives (or that follows
 * from the page's definition). What runs only in COS answers 501 NotImplemented.
 */

let h: Harness;
let cos: COS;
const base = { Bucket: BUCKET, Region: REGION };
const WATERMARK_KEY = "examples/shuiyin.png";

/** How the SDK hands back `<UploadResult>` (every value a string; one rule → one object). */
interface SdkUploadResult {
  UploadResult: { ProcessResults: { Object: Record<string, string> } };
}

beforeAll(async () => {
  h = await startHarness();
  cos = new COS({
    SecretId: SECRET_ID,
    SecretKey: SECRET_KEY,
    Protocol: "http:",
    Domain: `127.0.0.1:${h.bucket.port}/{Bucket}`,
  });
  const mark = await sharp({
    create: { width: 120, height: 60, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0.8 } },
  })
    .png()
    .toBuffer();
  await cos.putObject({ ...base, Key: WATERMARK_KEY, Body: mark });
});
afterAll(async () => {
  await h.dispose();
});

/** The pages' watermark picture swapped for one in this bucket (CI requires the same bucket). */
const ownWatermark = encodeUrlSafeBase64(`http://${BUCKET}.cos.${REGION}.myqcloud.com/${WATERMARK_KEY}`);

async function inputFor(
  example: DocumentedExample,
  index: number,
): Promise<{ body: Buffer; extension: string }> {
  const { width, height, format } = example.input;
  if (format === "gif") {
    // Three frames: CI's GIF operations are about animations.
    const frames = Buffer.alloc(width * height * 3 * 3);
    for (let frame = 0; frame < 3; frame++) {
      frames.fill(60 * (frame + 1), frame * width * height * 3, (frame + 1) * width * height * 3);
    }
    const raw = { width, height: height * 3, channels: 3 as const, pageHeight: height };
    return { body: await sharp(frames, { raw }).gif().toBuffer(), extension: "gif" };
  }
  // A smooth scene: an enlarged output (imageView2/2/w/20000) encodes in seconds, not minutes.
  const picture = sceneImage(index, width, height);
  return format === "png"
    ? { body: await picture.png().toBuffer(), extension: "png" }
    : { body: await picture.jpeg({ quality: 90 }).toBuffer(), extension: "jpg" };
}

const picOperations = (rule: string, fileid: string) =>
  JSON.stringify({ is_pic_info: 0, rules: [{ fileid, rule }] });

function expectOutput(output: Record<string, string>, example: DocumentedExample): void {
  const { expected } = example;
  if (expected?.width !== undefined) expect(output.Width).toBe(String(expected.width));
  if (expected?.height !== undefined) expect(output.Height).toBe(String(expected.height));
  if (expected?.format !== undefined) expect(output.Format).toBe(expected.format);
}

/** The stored output really is what ProcessResults says. */
async function expectStored(key: string, output: Record<string, string>): Promise<void> {
  const stored = await cos.getObject({ ...base, Key: key });
  const meta = await sharp(stored.Body as Buffer).metadata();
  const format = meta.format === "heif" ? "AVIF" : (meta.format ?? "").replace("jpeg", "jpg");
  expect({ format: format.toUpperCase().replace("JPG", "JPEG"), width: String(meta.width) }).toEqual({
    format: output.Format,
    width: output.Width,
  });
}

describe("CI's documented example rules through cos-nodejs-sdk-v5 into the Local bucket", () => {
  const cases = CI_DOCUMENTED_EXAMPLES.map((example, index) => [example.rule, example, index] as const);

  it.each(cases)(
    "%s",
    async (_rule, example, index) => {
      const rule = withWatermark(example.rule, ownWatermark);
      const { body, extension } = await inputFor(example, index);
      const key = `examples/${index}.${extension}`;
      const putOutput = `examples/${index}-put`;
      const put = cos.putObject({
        ...base,
        Key: key,
        Body: body,
        Headers: { "Pic-Operations": picOperations(rule, `/${putOutput}`) },
      });

      if (example.local === "cos-only") {
        const refused = await put.catch((error: unknown) => error);
        expect(refused).toMatchObject({ statusCode: 501, code: "NotImplemented" });
        expect((refused as { message?: string }).message).toMatch(
          /runs only in COS|not available in the local engine/,
        );
        return;
      }

      const stored = (await put) as unknown as SdkUploadResult;
      const output = stored.UploadResult.ProcessResults.Object;
      expectOutput(output, example);
      await expectStored(putOutput, output);

      const postOutput = `examples/${index}-post`;
      const processed = (await cos.request({
        ...base,
        Method: "POST",
        Key: key,
        Action: "image_process",
        Headers: { "Pic-Operations": picOperations(rule, `/${postOutput}`) },
      })) as unknown as SdkUploadResult;
      const again = processed.UploadResult.ProcessResults.Object;
      expectOutput(again, example);
      expect([again.Width, again.Height, again.Format]).toEqual([output.Width, output.Height, output.Format]);
      // imageView2/2/w/20000 writes a 200-million-pixel JPEG twice.
    },
    120_000,
  );
});

describe("?exif (CI “Obtaining EXIF”, 1246/109207) through cos-nodejs-sdk-v5", () => {
  async function exifOf(key: string): Promise<unknown> {
    const data = (await cos.request({
      ...base,
      Method: "GET",
      Key: key,
      Query: { exif: "" },
      RawBody: true,
    })) as unknown as { Body: Buffer | string };
    return JSON.parse(String(data.Body));
  }

  it('answers each tag as {"val": …}, rationals as num/den and ColorSpace as sRGB, like the page\'s example', async () => {
    const photo = await sceneImage(1, 320, 200)
      .jpeg()
      .withExif({
        IFD0: { Make: "Picops", Model: "Test camera", DateTime: "2018:09:03 17:37:06" },
        IFD2: { ExposureTime: "1/200", FNumber: "13/1", ColorSpace: "1" },
      })
      .toBuffer();
    await cos.putObject({ ...base, Key: "exif/photo.jpg", Body: photo });
    expect(await exifOf("exif/photo.jpg")).toMatchObject({
      Make: { val: "Picops" },
      Model: { val: "Test camera" },
      DateTime: { val: "2018:09:03 17:37:06" },
      ExposureTime: { val: "1/200" },
      FNumber: { val: "13/1" },
      ColorSpace: { val: "sRGB" },
      // libexif writes version 0210: its four bytes as decimals, as the page writes "48 50 51 48" for 0230.
      ExifVersion: { val: "48 50 49 48" },
    });
  });

  it('answers {"error" : "no exif data"} for a picture without EXIF', async () => {
    await cos.putObject({
      ...base,
      Key: "exif/plain.png",
      Body: await sceneImage(2, 32, 32).png().toBuffer(),
    });
    expect(await exifOf("exif/plain.png")).toEqual({ error: "no exif data" });
  });
});
