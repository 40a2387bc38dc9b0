import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CosClient } from "../../../electron/cos/client";
import type { CosError } from "../../../electron/cos/cos-error";
import { type LocalBucket, startLocalBucket } from "../../../electron/local-bucket/index";

const BUCKET = "picops-1250000000";
const REGION = "ap-guangzhou";
const CREDENTIALS = { secretId: "AKIDlocalBucketTest", secretKey: "localBucketTestSecretKey" };

let root: string;
let bucket: LocalBucket;
let cos: CosClient;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "picops-cos-local-"));
  bucket = await startLocalBucket({ root, region: REGION, buckets: [BUCKET], credentials: [CREDENTIALS] });
  cos = new CosClient({
    credentials: CREDENTIALS,
    region: REGION,
    endpoint: { kind: "path-style", baseUrl: bucket.url },
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
});

afterAll(async () => {
  await cos.close();
  await bucket.close();
  await rm(root, { recursive: true, force: true });
});

function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .png()
    .toBuffer();
}

function rejection(promise: Promise<unknown>): Promise<CosError> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: CosError) => error,
  );
}

describe("CosClient against the local bucket", () => {
  it("uploads with Pic-Operations and gets a typed UploadResult with the processed sizes", async () => {
    const result = await cos.putObject({
      bucket: BUCKET,
      key: "photos/source.png",
      body: await png(400, 300),
      picOperations: {
        isPicInfo: true,
        rules: [
          { fileid: "thumbs/small.png", rule: "imageMogr2/thumbnail/100x" },
          { fileid: "/half.webp", rule: "imageMogr2/thumbnail/!50p/format/webp" },
        ],
      },
    });
    expect(result.etag).toMatch(/^".+"$/);
    const upload = result.uploadResult;
    expect(upload?.originalInfo.key).toBe("photos/source.png");
    expect(upload?.originalInfo.imageInfo).toMatchObject({ format: "PNG", width: 400, height: 300 });
    expect(upload?.processResults.map((object) => [object.key, object.width, object.height])).toEqual([
      ["photos/thumbs/small.png", 100, 75],
      ["half.webp", 200, 150],
    ]);
    expect(upload?.processResults[0]?.size).toBeGreaterThan(0);
  });

  it("sends Pic-Operations naming non-ASCII outputs intact (escaped JSON, still signed)", async () => {
    const result = await cos.putObject({
      bucket: BUCKET,
      key: "照片/原图 1.png",
      body: await png(64, 48),
      picOperations: {
        isPicInfo: false,
        rules: [{ fileid: "缩略图/小 图.png", rule: "imageMogr2/thumbnail/32x" }],
      },
    });
    expect(result.uploadResult?.processResults[0]).toMatchObject({ key: "照片/缩略图/小 图.png", width: 32 });
    expect(
      (await cos.headObject({ bucket: BUCKET, key: "照片/缩略图/小 图.png" })).contentLength,
    ).toBeGreaterThan(0);
  });

  it("downloads a processed result whose pixels match the UploadResult", async () => {
    const download = await cos.getObject({ bucket: BUCKET, key: "photos/thumbs/small.png" });
    const chunks: Buffer[] = [];
    for await (const chunk of download.body) chunks.push(chunk as Buffer);
    const meta = await sharp(Buffer.concat(chunks)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 100, 75]);
    expect(download.metadata.contentLength).toBe(Buffer.concat(chunks).length);

    const file = path.join(root, "downloaded.webp");
    const metadata = await cos.downloadObject({ bucket: BUCKET, key: "half.webp", file });
    const written = await readFile(file);
    expect(written.length).toBe(metadata.contentLength);
    expect((await sharp(written).metadata()).width).toBe(200);
  });

  it("reports metadata on HEAD, including x-cos-meta-* and the content type sent", async () => {
    await cos.putObject({
      bucket: BUCKET,
      key: "docs/note.txt",
      body: Buffer.from("hello, bucket"),
      options: {
        contentType: "text/plain",
        metadata: { Author: "Ada", project: "picops" },
        computeMd5: true,
      },
    });
    const metadata = await cos.headObject({ bucket: BUCKET, key: "docs/note.txt" });
    expect(metadata).toMatchObject({
      contentLength: 13,
      contentType: "text/plain",
      metadata: { author: "Ada", project: "picops" },
    });
    expect(metadata.etag).toMatch(/^".+"$/);
  });

  it("processes a stored object in the cloud (POST ?image_process)", async () => {
    const result = await cos.processObject({
      bucket: BUCKET,
      key: "photos/source.png",
      picOperations: {
        isPicInfo: false,
        rules: [{ fileid: "/cloud/square.png", rule: "imageMogr2/thumbnail/60x60!" }],
      },
    });
    expect(result.processResults).toHaveLength(1);
    expect(result.processResults[0]).toMatchObject({ key: "cloud/square.png", width: 60, height: 60 });
  });

  it("processes at download time and reads imageInfo as numbers", async () => {
    const image = await cos.getProcessedImage({
      bucket: BUCKET,
      maxBytes: 2 ** 20,
      key: "photos/source.png",
      rule: "imageMogr2/thumbnail/!25p/format/jpg",
    });
    expect(image.contentType).toBe("image/jpeg");
    expect((await sharp(image.bytes).metadata()).width).toBe(100);
    const info = await cos.imageInfo({ bucket: BUCKET, key: "photos/source.png" });
    expect(info).toMatchObject({ format: "png", width: 400, height: 300 });
    expect(typeof info.size).toBe("number");
  });

  it("pages through a listing, and rolls folders up with a delimiter", async () => {
    const keys = ["list/a.txt", "list/b.txt", "list/c.txt", "list/d/e.txt", "list/f.txt"];
    for (const key of keys) await cos.putObject({ bucket: BUCKET, key, body: Buffer.from(key) });
    const pages = [];
    for await (const page of cos.listObjectPages({ bucket: BUCKET, prefix: "list/", maxKeys: 2 }))
      pages.push(page);
    expect(pages.map((page) => page.contents.map((item) => item.key))).toEqual([
      ["list/a.txt", "list/b.txt"],
      ["list/c.txt", "list/d/e.txt"],
      ["list/f.txt"],
    ]);
    expect(pages.map((page) => page.isTruncated)).toEqual([true, true, false]);
    expect(pages[0]?.contents[0]?.size).toBe("list/a.txt".length);

    const folders = await cos.listObjects({ bucket: BUCKET, prefix: "list/", delimiter: "/" });
    expect(folders.commonPrefixes).toEqual(["list/d/"]);
    expect(folders.contents.map((item) => item.key)).toEqual([
      "list/a.txt",
      "list/b.txt",
      "list/c.txt",
      "list/f.txt",
    ]);
  });

  it("deletes one object and many, and a deleted object is gone", async () => {
    await cos.deleteObject({ bucket: BUCKET, key: "list/a.txt" });
    const gone = await rejection(cos.headObject({ bucket: BUCKET, key: "list/a.txt" }));
    expect(gone).toMatchObject({ code: "NoSuchKey", status: 404 });
    await cos.deleteObject({ bucket: BUCKET, key: "list/a.txt" });
    const result = await cos.deleteObjects({ bucket: BUCKET, keys: ["list/b.txt", "list/c.txt"] });
    expect(result.deleted.sort()).toEqual(["list/b.txt", "list/c.txt"]);
    expect(result.errors).toEqual([]);
    const left = await cos.listObjects({ bucket: BUCKET, prefix: "list/" });
    expect(left.contents.map((item) => item.key)).toEqual(["list/d/e.txt", "list/f.txt"]);
  });

  it("adds, lists and deletes image styles", async () => {
    await cos.putStyle({ bucket: BUCKET, name: "thumb", body: "imageMogr2/thumbnail/!50px" });
    expect(await cos.listStyles({ bucket: BUCKET })).toContainEqual({
      name: "thumb",
      body: "imageMogr2/thumbnail/!50px",
    });
    await cos.deleteStyle({ bucket: BUCKET, name: "thumb" });
    expect(await cos.listStyles({ bucket: BUCKET })).not.toContainEqual(
      expect.objectContaining({ name: "thumb" }),
    );
  });

  it("words a local refusal with Picops's sentence for the renderer; COS's XML message is unchanged", async () => {
    const error = await rejection(
      cos.putObject({
        bucket: BUCKET,
        key: "refused/tpg.png",
        body: await png(40, 30),
        picOperations: { isPicInfo: false, rules: [{ fileid: "t.tpg", rule: "imageMogr2/format/tpg" }] },
      }),
    );
    expect(error.toAppError()).toMatchObject({
      code: "NotImplemented",
      status: 501,
      message:
        "The local bucket cannot reproduce this operation: format/tpg is Tencent's own codec: it runs only in COS, not locally.",
      messageId: "format-tencent-only",
      values: { format: "tpg" },
    });
    const notAnImage = await rejection(
      cos.putObject({
        bucket: BUCKET,
        key: "refused/notes.png",
        body: Buffer.from("plain text"),
        picOperations: { isPicInfo: false, rules: [{ fileid: "n.png", rule: "imageMogr2/thumbnail/10x" }] },
      }),
    );
    expect(notAnImage.toAppError()).toMatchObject({ code: "InvalidImageFormat", messageId: "not-an-image" });
    await cos.putObject({ bucket: BUCKET, key: "refused/source.png", body: await png(40, 30) });
    const noStyle = await rejection(
      cos.getProcessedImage({
        bucket: BUCKET,
        key: "refused/source.png",
        rule: "style/nope",
        maxBytes: 2 ** 20,
      }),
    );
    expect(noStyle.toAppError()).toMatchObject({
      code: "InvalidArgument",
      message: expect.stringContaining('The style "nope" does not exist in this bucket.'),
      messageId: "style-unknown",
      values: { name: "nope" },
    });
  });

  it("retries through injected 503s and resets", async () => {
    bucket.faults.failNext(1, 503);
    bucket.faults.resetNext(1);
    const result = await cos.putObject({ bucket: BUCKET, key: "faults.txt", body: Buffer.from("survived") });
    expect(result.etag).toMatch(/^".+"$/);
    expect((await cos.headObject({ bucket: BUCKET, key: "faults.txt" })).contentLength).toBe(8);
  });

  it("answers a wrong SecretKey with SignatureDoesNotMatch 403, without showing the key", async () => {
    const wrongKey = "definitelyNotTheSecretKey";
    const impostor = new CosClient({
      credentials: { secretId: CREDENTIALS.secretId, secretKey: wrongKey },
      region: REGION,
      endpoint: { kind: "path-style", baseUrl: bucket.url },
    });
    try {
      const error = await rejection(
        impostor.putObject({ bucket: BUCKET, key: "x.txt", body: Buffer.from("x") }),
      );
      expect(error).toMatchObject({ name: "CosError", code: "SignatureDoesNotMatch", status: 403 });
      expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(wrongKey);
    } finally {
      await impostor.close();
    }
  });
});
