import { createHash } from "node:crypto";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import COS from "cos-nodejs-sdk-v5";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noiseImage } from "../../fixtures/images";
import { BUCKET, cosRequest, type Harness, REGION, SECRET_ID, SECRET_KEY, startHarness } from "./harness";

/**
 * Multipart upload, driven by cos-nodejs-sdk-v5's own `uploadFile`/`sliceUploadFile` (which
 * switch to multipart above 1 MB), and by raw calls for the refusals COS gives.
 */

const MB = 1024 * 1024;
const base = { Bucket: BUCKET, Region: REGION };
let h: Harness;
let cos: COS;

beforeAll(async () => {
  h = await startHarness();
  cos = new COS({
    SecretId: SECRET_ID,
    SecretKey: SECRET_KEY,
    Protocol: "http:",
    Domain: `127.0.0.1:${h.bucket.port}/{Bucket}`,
  });
});
afterAll(async () => {
  await h.dispose();
});

/** The SDK's types call Delimiter required; its own sliceUploadFile lists uploads without one. */
function uploadsUnder(prefix: string): Promise<COS.MultipartListResult> {
  return cos.multipartList({ ...base, Prefix: prefix } as COS.MultipartListParams);
}

function md5(data: Buffer): string {
  return createHash("md5").update(data).digest("hex");
}

async function initiate(key: string): Promise<string> {
  const answer = await cosRequest(h.bucket, { method: "POST", key, query: { uploads: "" } });
  expect(answer.status).toBe(200);
  const id = /<UploadId>([^<]+)<\/UploadId>/.exec(answer.text)?.[1];
  if (!id) throw new Error(`no UploadId in ${answer.text}`);
  return id;
}

async function uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer) {
  return cosRequest(h.bucket, {
    method: "PUT",
    key,
    query: { partNumber: String(partNumber), uploadId },
    body,
  });
}

function completeXml(parts: { number: number; etag: string }[]): string {
  return `<CompleteMultipartUpload>${parts
    .map((p) => `<Part><PartNumber>${p.number}</PartNumber><ETag>${p.etag}</ETag></Part>`)
    .join("")}</CompleteMultipartUpload>`;
}

async function complete(key: string, uploadId: string, parts: { number: number; etag: string }[]) {
  return cosRequest(h.bucket, { method: "POST", key, query: { uploadId }, body: completeXml(parts) });
}

function code(text: string): string | undefined {
  return /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
}

describe("multipart upload with cos-nodejs-sdk-v5", () => {
  it("uploadFile over the slice size goes in parts and the object reads back byte for byte", async () => {
    const file = join(h.parent, "big.bin");
    const bytes = Buffer.alloc(Math.round(3.5 * MB));
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    await writeFile(file, bytes);
    const data = await cos.uploadFile({
      ...base,
      Key: "multi/big.bin",
      FilePath: file,
      SliceSize: MB,
      ChunkSize: MB,
      Headers: { "x-cos-meta-origin": "multipart" },
    });
    expect(data.statusCode).toBe(200);
    // Four parts of 1 MB, 1 MB, 1 MB, 0.5 MB: the ETag is the MD5 of their MD5s, then -4.
    const partMd5s = [0, 1, 2, 3].map((i) =>
      createHash("md5")
        .update(bytes.subarray(i * MB, Math.min((i + 1) * MB, bytes.length)))
        .digest(),
    );
    const expected = `"${md5(Buffer.concat(partMd5s))}-4"`;
    expect(data.ETag).toBe(expected);

    const stored = await cos.getObject({ ...base, Key: "multi/big.bin" });
    expect(md5(stored.Body as Buffer)).toBe(md5(bytes));
    expect(stored.ETag).toBe(expected);
    expect(stored.headers?.["x-cos-meta-origin"]).toBe("multipart");
    // Nothing of the upload is left behind.
    const uploads = await uploadsUnder("multi/");
    expect(uploads.Upload).toEqual([]);
  });

  it("sliceUploadFile with Pic-Operations: UploadResult with ProcessResults, and the result in the bucket", async () => {
    const file = join(h.parent, "photo.png");
    const photo = await noiseImage(1400, 1000).png({ compressionLevel: 0 }).toBuffer();
    expect(photo.length).toBeGreaterThan(2 * MB);
    await writeFile(file, photo);
    const data = (await cos.sliceUploadFile({
      ...base,
      Key: "multi/photo.png",
      FilePath: file,
      ChunkSize: MB,
      Headers: {
        "Pic-Operations": JSON.stringify({
          is_pic_info: 1,
          rules: [{ fileid: "photo-300.webp", rule: "imageMogr2/thumbnail/300x/format/webp" }],
        }),
      },
    })) as unknown as {
      UploadResult: {
        OriginalInfo: { Key: string; ETag: string; ImageInfo: Record<string, string> };
        ProcessResults: { Object: Record<string, string> };
      };
    };
    const result = data.UploadResult;
    expect(result.OriginalInfo.Key).toBe("multi/photo.png");
    expect(result.OriginalInfo.ImageInfo).toMatchObject({ Format: "PNG", Width: "1400", Height: "1000" });
    expect(result.ProcessResults.Object).toMatchObject({
      Key: "multi/photo-300.webp",
      Format: "WEBP",
      Width: "300",
      Height: "214",
    });
    const original = await cos.getObject({ ...base, Key: "multi/photo.png" });
    expect(md5(original.Body as Buffer)).toBe(md5(photo));
    const thumbnail = await cos.getObject({ ...base, Key: "multi/photo-300.webp" });
    const meta = await sharp(thumbnail.Body as Buffer).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 300, 214]);
  });

  it("lists an upload under way and its parts, and forgets it when aborted", async () => {
    const key = "multi/aborted.bin";
    const init = await cos.multipartInit({ ...base, Key: key });
    const part = Buffer.alloc(MB, 1);
    await cos.multipartUpload({ ...base, Key: key, UploadId: init.UploadId, PartNumber: 1, Body: part });
    await cos.multipartUpload({ ...base, Key: key, UploadId: init.UploadId, PartNumber: 2, Body: part });

    const uploads = await uploadsUnder(key);
    expect(uploads.Upload.map((u) => [u.Key, u.UploadId])).toEqual([[key, init.UploadId]]);
    const parts = await cos.multipartListPart({ ...base, Key: key, UploadId: init.UploadId });
    expect(parts.Part.map((p) => [p.PartNumber, p.Size, p.ETag])).toEqual([
      ["1", String(MB), `"${md5(part)}"`],
      ["2", String(MB), `"${md5(part)}"`],
    ]);

    await cos.multipartAbort({ ...base, Key: key, UploadId: init.UploadId });
    expect((await uploadsUnder(key)).Upload).toEqual([]);
    const again = await uploadPart(key, init.UploadId, 3, part);
    expect([again.status, code(again.text)]).toEqual([404, "NoSuchUpload"]);
  });
});

describe("multipart uploads across a restart of the Local bucket", () => {
  it("an upload under way is still listed with its parts, takes more, and completes", async () => {
    const key = "multi/resumed.bin";
    const first = Buffer.alloc(MB, 1);
    const replaced = Buffer.alloc(MB, 2);
    const last = Buffer.from("the end");
    const init = await cos.multipartInit({ ...base, Key: key });
    await cos.multipartUpload({ ...base, Key: key, UploadId: init.UploadId, PartNumber: 1, Body: replaced });
    // The same number sent again replaces the part, as COS does.
    await cos.multipartUpload({ ...base, Key: key, UploadId: init.UploadId, PartNumber: 1, Body: first });

    await h.restart();
    cos = new COS({
      SecretId: SECRET_ID,
      SecretKey: SECRET_KEY,
      Protocol: "http:",
      Domain: `127.0.0.1:${h.bucket.port}/{Bucket}`,
    });

    expect((await uploadsUnder(key)).Upload.map((u) => [u.Key, u.UploadId])).toEqual([[key, init.UploadId]]);
    const parts = await cos.multipartListPart({ ...base, Key: key, UploadId: init.UploadId });
    expect(parts.Part.map((p) => [p.PartNumber, p.Size, p.ETag])).toEqual([
      ["1", String(MB), `"${md5(first)}"`],
    ]);
    await cos.multipartUpload({ ...base, Key: key, UploadId: init.UploadId, PartNumber: 2, Body: last });
    const done = await complete(key, init.UploadId, [
      { number: 1, etag: `"${md5(first)}"` },
      { number: 2, etag: `"${md5(last)}"` },
    ]);
    expect(done.status).toBe(200);

    const object = await cosRequest(h.bucket, { method: "GET", key });
    expect(md5(object.body)).toBe(md5(Buffer.concat([first, last])));
    expect((await uploadsUnder(key)).Upload).toEqual([]);
    const left = await readdir(join(h.root, BUCKET, "uploads"));
    expect(left.filter((name) => name.startsWith(init.UploadId))).toEqual([]);
  });
});

describe("multipart refusals", () => {
  it("refuses parts out of order, unknown or mismatched parts and small middle parts, and the upload survives each", async () => {
    const key = "multi/refused.bin";
    const uploadId = await initiate(key);
    const big = Buffer.alloc(MB, 2);
    const small = Buffer.alloc(1000, 3);
    const first = await uploadPart(key, uploadId, 1, small);
    const second = await uploadPart(key, uploadId, 2, big);
    const etag = (answer: { headers: { etag?: string } }) => answer.headers.etag ?? "";

    const outOfOrder = await complete(key, uploadId, [
      { number: 2, etag: etag(second) },
      { number: 1, etag: etag(first) },
    ]);
    expect([outOfOrder.status, code(outOfOrder.text)]).toEqual([400, "InvalidPartOrder"]);
    const unknown = await complete(key, uploadId, [{ number: 7, etag: etag(first) }]);
    expect([unknown.status, code(unknown.text)]).toEqual([400, "InvalidPart"]);
    const mismatched = await complete(key, uploadId, [{ number: 1, etag: '"00"' }]);
    expect([mismatched.status, code(mismatched.text)]).toEqual([400, "InvalidPart"]);
    const tooSmall = await complete(key, uploadId, [
      { number: 1, etag: etag(first) },
      { number: 2, etag: etag(second) },
    ]);
    expect([tooSmall.status, code(tooSmall.text)]).toEqual([400, "EntityTooSmall"]);
    const malformed = await cosRequest(h.bucket, { method: "POST", key, query: { uploadId }, body: "<Nope" });
    expect([malformed.status, code(malformed.text)]).toEqual([400, "MalformedXML"]);

    // Replacing part 1 with a big one makes the same upload completable.
    const replaced = await uploadPart(key, uploadId, 1, big);
    const done = await complete(key, uploadId, [
      { number: 1, etag: etag(replaced) },
      { number: 2, etag: etag(second) },
    ]);
    expect(done.status).toBe(200);
    expect(done.text).toContain(`<Key>${key}</Key>`);
    const stored = await cosRequest(h.bucket, { key });
    expect(stored.body.length).toBe(2 * MB);
    // A completed upload is gone.
    const twice = await complete(key, uploadId, [{ number: 1, etag: etag(replaced) }]);
    expect([twice.status, code(twice.text)]).toEqual([404, "NoSuchUpload"]);
  });

  it("refuses part numbers outside 1–10000, an upload id of another key, and a part without an upload id", async () => {
    const key = "multi/numbers.bin";
    const uploadId = await initiate(key);
    for (const partNumber of [0, 10001]) {
      const answer = await uploadPart(key, uploadId, partNumber, Buffer.from("x"));
      expect([answer.status, code(answer.text)]).toEqual([400, "InvalidArgument"]);
    }
    const otherKey = await uploadPart("multi/other.bin", uploadId, 1, Buffer.from("x"));
    expect([otherKey.status, code(otherKey.text)]).toEqual([404, "NoSuchUpload"]);
    const noUpload = await cosRequest(h.bucket, {
      method: "PUT",
      key,
      query: { partNumber: "1" },
      body: "x",
    });
    expect([noUpload.status, code(noUpload.text)]).toEqual([400, "InvalidArgument"]);
  });

  it("refuses to process a joined image over 32 MB and keeps the upload", async () => {
    const key = "multi/huge.png";
    const uploadId = await initiate(key);
    const part = Buffer.alloc(17 * MB, 4);
    const one = await uploadPart(key, uploadId, 1, part);
    const two = await uploadPart(key, uploadId, 2, part);
    const parts = [
      { number: 1, etag: one.headers.etag ?? "" },
      { number: 2, etag: two.headers.etag ?? "" },
    ];
    const picOperations = JSON.stringify({
      rules: [{ fileid: "small.jpg", rule: "imageMogr2/thumbnail/10x" }],
    });
    const refused = await cosRequest(h.bucket, {
      method: "POST",
      key,
      query: { uploadId },
      headers: { "pic-operations": picOperations },
      body: completeXml(parts),
    });
    expect([refused.status, code(refused.text)]).toEqual([400, "EntityTooLarge"]);
    const head = await cosRequest(h.bucket, { method: "HEAD", key });
    expect(head.status).toBe(404);
    // Without processing the same parts make an object.
    const plain = await complete(key, uploadId, parts);
    expect(plain.status).toBe(200);
  });
});
