import COS from "cos-nodejs-sdk-v5";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signRequest } from "../../../electron/cos/signature";
import {
  BUCKET,
  cosRequest,
  type Harness,
  REGION,
  SECRET_ID,
  SECRET_KEY,
  startHarness,
  xmlField,
} from "./harness";

/**
 * Non-ASCII in a Pic-Operations header from clients other than Picops: raw UTF-8 bytes,
 * which Node hands the server as Latin-1 text.
 */

let h: Harness;
let photo: Buffer;

beforeAll(async () => {
  h = await startHarness();
  photo = await sharp({ create: { width: 80, height: 60, channels: 3, background: "#c04020" } })
    .png()
    .toBuffer();
});
afterAll(async () => {
  await h.dispose();
});

/** The bytes of UTF-8 text as a string Node writes byte for byte (what Go puts on the wire). */
const rawUtf8 = (text: string) => Buffer.from(text, "utf8").toString("latin1");

async function widthOf(key: string): Promise<number | undefined> {
  const answer = await cosRequest(h.bucket, { key });
  expect(answer.status, key).toBe(200);
  return (await sharp(answer.body).metadata()).width;
}

describe("a raw UTF-8 Pic-Operations header", () => {
  it("is checked against a signature over the UTF-8 text, and its fileid is used as text", async () => {
    const key = "猫/原图.png";
    const json = JSON.stringify({
      rules: [{ fileid: "/缩略图/猫-40.png", rule: "imageMogr2/thumbnail/40x" }],
    });
    const now = Math.floor(Date.now() / 1000);
    const host = `127.0.0.1:${h.bucket.port}`;
    // Signed the way Go signs it: over the text, whose UTF-8 bytes are then sent as they are.
    const authorization = signRequest({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      method: "PUT",
      path: `/${key}`,
      headers: { host, "content-length": String(photo.length), "pic-operations": json },
      startTime: now - 60,
      endTime: now + 900,
    });
    const answer = await cosRequest(h.bucket, {
      method: "PUT",
      key,
      body: photo,
      unsigned: true,
      headers: { authorization, "pic-operations": rawUtf8(json) },
    });
    expect(answer.status, answer.text).toBe(200);
    expect(xmlField(answer.text, "Key")).toBe(key);
    expect(answer.text).toContain("<Key>缩略图/猫-40.png</Key>");
    expect(await widthOf("缩略图/猫-40.png")).toBe(40);
  });

  it("is refused when the signature covers other text", async () => {
    const now = Math.floor(Date.now() / 1000);
    const json = JSON.stringify({ rules: [{ fileid: "/缩略图/狗.png", rule: "imageMogr2/thumbnail/40x" }] });
    const signedFor = JSON.stringify({
      rules: [{ fileid: "/缩略图/猫.png", rule: "imageMogr2/thumbnail/40x" }],
    });
    const authorization = signRequest({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      method: "PUT",
      path: "/x.png",
      headers: {
        host: `127.0.0.1:${h.bucket.port}`,
        "content-length": String(photo.length),
        "pic-operations": signedFor,
      },
      startTime: now - 60,
      endTime: now + 900,
    });
    const answer = await cosRequest(h.bucket, {
      method: "PUT",
      key: "x.png",
      body: photo,
      unsigned: true,
      headers: { authorization, "pic-operations": rawUtf8(json) },
    });
    expect(answer.status).toBe(403);
    expect(xmlField(answer.text, "Code")).toBe("SignatureDoesNotMatch");
  });

  it("leaves a value that is not UTF-8 as it came (Latin-1 text stays Latin-1)", async () => {
    // "café" in Latin-1 is one byte 0xE9, not a UTF-8 sequence: the fileid keeps its é.
    const json = JSON.stringify({ rules: [{ fileid: "/café.png", rule: "imageMogr2/thumbnail/20x" }] });
    const answer = await cosRequest(h.bucket, {
      method: "PUT",
      key: "latin.png",
      body: photo,
      headers: { "pic-operations": json },
    });
    expect(answer.status, answer.text).toBe(200);
    expect(await widthOf("café.png")).toBe(20);
  });
});

describe("cos-nodejs-sdk-v5 uploading with a Chinese fileid", () => {
  const sdk = () =>
    new COS({
      SecretId: SECRET_ID,
      SecretKey: SECRET_KEY,
      Protocol: "http:",
      Domain: `127.0.0.1:${h.bucket.port}/{Bucket}`,
    });
  const rules = { rules: [{ fileid: "中文/缩略图.png", rule: "imageMogr2/thumbnail/30x" }] };

  it("sends the JSON's UTF-8 bytes (handed over as a binary string) and gets the Chinese key", async () => {
    // Node refuses header text above U+00FF, so this is how the SDK puts raw UTF-8 on the wire;
    // it then signs that binary string, which the local bucket also accepts.
    const data = await sdk().putObject({
      Bucket: BUCKET,
      Region: REGION,
      Key: "sdk-zh/猫.png",
      Body: photo,
      Headers: { "Pic-Operations": rawUtf8(JSON.stringify(rules)) },
    });
    expect(data.statusCode).toBe(200);
    const result = (data as unknown as { UploadResult: { ProcessResults: { Object: { Key: string } } } })
      .UploadResult;
    expect(result.ProcessResults.Object.Key).toBe("sdk-zh/中文/缩略图.png");
    expect(await widthOf("sdk-zh/中文/缩略图.png")).toBe(30);
  });

  it("sends the JSON with \\u escapes, as Picops does, and gets the same Chinese key", async () => {
    const escaped = JSON.stringify(rules).replace(
      /[^\x20-\x7e]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
    const data = await sdk().putObject({
      Bucket: BUCKET,
      Region: REGION,
      Key: "sdk-esc/猫.png",
      Body: photo,
      Headers: { "Pic-Operations": escaped },
    });
    expect(data.statusCode).toBe(200);
    expect(await widthOf("sdk-esc/中文/缩略图.png")).toBe(30);
  });
});

describe("the Go SDK's example rule", () => {
  it("imageView2/format/png converts without resizing", async () => {
    const jpeg = await sharp({ create: { width: 50, height: 30, channels: 3, background: "#2080c0" } })
      .jpeg()
      .toBuffer();
    const answer = await cosRequest(h.bucket, {
      method: "PUT",
      key: "go/example.jpg",
      body: jpeg,
      headers: {
        "pic-operations":
          '{"is_pic_info":1,"rules":[{"fileid":"example.png","rule":"imageView2/format/png"}]}',
      },
    });
    expect(answer.status, answer.text).toBe(200);
    const stored = await cosRequest(h.bucket, { key: "go/example.png" });
    const meta = await sharp(stored.body).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 50, 30]);
  });
});

describe("?imageInfo dpi", () => {
  it("reports vertical_dpi and horizontal_dpi as strings from the file's density", async () => {
    const dense = await sharp({ create: { width: 12, height: 10, channels: 3, background: "#888" } })
      .withMetadata({ density: 300 })
      .jpeg()
      .toBuffer();
    await cosRequest(h.bucket, { method: "PUT", key: "dpi/300.jpg", body: dense });
    const info = JSON.parse((await cosRequest(h.bucket, { key: "dpi/300.jpg", rawQuery: "imageInfo" })).text);
    expect(info).toMatchObject({ width: "12", height: "10", vertical_dpi: "300", horizontal_dpi: "300" });

    const png = await sharp({ create: { width: 12, height: 10, channels: 3, background: "#888" } })
      .withMetadata({ density: 144 })
      .png()
      .toBuffer();
    await cosRequest(h.bucket, { method: "PUT", key: "dpi/144.png", body: png });
    const pngInfo = JSON.parse(
      (await cosRequest(h.bucket, { key: "dpi/144.png", rawQuery: "imageInfo" })).text,
    );
    expect(pngInfo).toMatchObject({ vertical_dpi: "144", horizontal_dpi: "144" });
  });

  it("leaves them out for a file that records no density", async () => {
    const bare = await sharp({ create: { width: 12, height: 10, channels: 3, background: "#888" } })
      .png()
      .toBuffer();
    expect((await sharp(bare).metadata()).density).toBeUndefined();
    await cosRequest(h.bucket, { method: "PUT", key: "dpi/none.png", body: bare });
    const info = JSON.parse(
      (await cosRequest(h.bucket, { key: "dpi/none.png", rawQuery: "imageInfo" })).text,
    );
    expect(info).not.toHaveProperty("vertical_dpi");
    expect(info).not.toHaveProperty("horizontal_dpi");
    expect(info).toMatchObject({ format: "png", width: "12" });
  });
});
