import { readdir } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUCKET, cosRequest, type Harness, OTHER_BUCKET, startHarness, xmlField, xmlFields } from "./harness";

/** Pic-Operations, download-time processing and styles over raw signed HTTP. */

let h: Harness;
let photo: Buffer;

beforeAll(async () => {
  h = await startHarness();
  photo = await sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 40, b: 10 } },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
});
afterAll(async () => {
  await h.dispose();
});

const picOps = (rules: { fileid: string; rule: string; bucket?: string }[], isPicInfo = 0) =>
  JSON.stringify({ is_pic_info: isPicInfo, rules });

async function putWithRules(
  key: string,
  body: Buffer | string,
  rules: Parameters<typeof picOps>[0],
  isPicInfo = 0,
) {
  return cosRequest(h.bucket, {
    method: "PUT",
    key,
    body,
    headers: { "pic-operations": picOps(rules, isPicInfo), "content-type": "image/jpeg" },
  });
}

async function exists(key: string, bucket = BUCKET): Promise<boolean> {
  return (await cosRequest(h.bucket, { method: "HEAD", key, bucket })).status === 200;
}

describe("PUT with Pic-Operations", () => {
  it("stores the original and one output per rule, across buckets, as UploadResult says", async () => {
    const answer = await putWithRules(
      "shoot/a.jpg",
      photo,
      [
        { fileid: "small.png", rule: "imageMogr2/thumbnail/320x/format/png" },
        { fileid: "/square/a.jpg", rule: "imageMogr2/thumbnail/100x100!", bucket: OTHER_BUCKET },
      ],
      1,
    );
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/xml");
    const original = answer.text.split("<ProcessResults>")[0] ?? "";
    expect(xmlField(original, "Key")).toBe("shoot/a.jpg");
    expect(xmlField(original, "Location")).toBe(`${BUCKET}.cos.ap-guangzhou.myqcloud.com/shoot/a.jpg`);
    expect(xmlField(original, "Format")).toBe("JPEG");
    expect([xmlField(original, "Width"), xmlField(original, "Height")]).toEqual(["640", "480"]);
    expect(xmlField(original, "Ave")).toMatch(/^0x[0-9a-f]{6}$/i);
    const results = answer.text.split("<ProcessResults>")[1] ?? "";
    expect(xmlFields(results, "Key")).toEqual(["shoot/small.png", "square/a.jpg"]);
    expect(xmlFields(results, "Location")[1]).toBe(
      `${OTHER_BUCKET}.cos.ap-guangzhou.myqcloud.com/square/a.jpg`,
    );
    expect(xmlFields(results, "Format")).toEqual(["PNG", "JPEG"]);
    expect(xmlFields(results, "Width")).toEqual(["320", "100"]);
    expect(xmlFields(results, "Height")).toEqual(["240", "100"]);

    const small = await cosRequest(h.bucket, { key: "shoot/small.png" });
    expect(small.headers["content-type"]).toBe("image/png");
    expect(xmlFields(results, "Size")[0]).toBe(String(small.body.length));
    expect(`&quot;${small.headers.etag?.replaceAll('"', "")}&quot;`).toBe(xmlFields(results, "ETag")[0]);
    const meta = await sharp(small.body).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 320, 240]);
    const square = await cosRequest(h.bucket, { key: "square/a.jpg", bucket: OTHER_BUCKET });
    expect((await sharp(square.body).metadata()).width).toBe(100);
    expect((await cosRequest(h.bucket, { key: "shoot/a.jpg" })).body.equals(photo)).toBe(true);
  });

  it("leaves ImageInfo out when is_pic_info is 0", async () => {
    const answer = await putWithRules("shoot/b.jpg", photo, [
      { fileid: "b-50.jpg", rule: "imageMogr2/thumbnail/!50p" },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain("<ImageInfo>");
    expect(xmlFields(answer.text, "Width")).toEqual(["320"]);
  });

  it("overwrites the original when a fileid names the input key, and reports the result's ETag", async () => {
    const answer = await putWithRules("shoot/over.jpg", photo, [
      { fileid: "over.jpg", rule: "imageMogr2/thumbnail/64x" },
    ]);
    expect(answer.status).toBe(200);
    const etags = xmlFields(answer.text, "ETag");
    expect(etags[0]).toBe(etags[1]);
    const stored = await cosRequest(h.bucket, { key: "shoot/over.jpg" });
    expect((await sharp(stored.body).metadata()).width).toBe(64);
  });

  it("refuses more than 5 rules naming the limit, and stores nothing", async () => {
    const rules = Array.from({ length: 6 }, (_, i) => ({
      fileid: `r${i}.jpg`,
      rule: "imageMogr2/thumbnail/10x",
    }));
    const answer = await putWithRules("limits/six.jpg", photo, rules);
    expect(answer.status).toBe(400);
    expect(xmlField(answer.text, "Code")).toBe("InvalidArgument");
    expect(xmlField(answer.text, "Message")).toContain("5");
    expect(await exists("limits/six.jpg")).toBe(false);
    expect(await exists("limits/r0.jpg")).toBe(false);
  });

  it("refuses a bad rule with the validator's message, and stores nothing", async () => {
    const answer = await putWithRules("limits/bad.jpg", photo, [
      { fileid: "x.jpg", rule: "imageMogr2/thumbnail/abc" },
    ]);
    expect(answer.status).toBe(400);
    expect(xmlField(answer.text, "Code")).toBe("InvalidArgument");
    expect(xmlField(answer.text, "Message")).toMatch(/thumbnail/);
    expect(await exists("limits/bad.jpg")).toBe(false);
  });

  it("refuses malformed Pic-Operations JSON", async () => {
    const answer = await cosRequest(h.bucket, {
      method: "PUT",
      key: "limits/json.jpg",
      body: photo,
      headers: { "pic-operations": "{not json" },
    });
    expect(answer.status).toBe(400);
    expect(xmlField(answer.text, "Code")).toBe("InvalidArgument");
    expect(await exists("limits/json.jpg")).toBe(false);
  });

  it("refuses a non-image with InvalidImageFormat and X-ErrNo -441; nothing of the original is kept", async () => {
    const answer = await putWithRules("limits/notes.jpg", "plain text, not a picture", [
      { fileid: "n.jpg", rule: "imageMogr2/thumbnail/10x" },
    ]);
    expect(answer.status).toBe(400);
    expect(xmlField(answer.text, "Code")).toBe("InvalidImageFormat");
    expect(answer.headers["x-errno"]).toBe("-441");
    expect(await exists("limits/notes.jpg")).toBe(false);
    expect(await exists("limits/n.jpg")).toBe(false);
    // The original was being written while the rules ran: its temp file is gone too.
    const left = await readdir(join(h.root, BUCKET, "objects"));
    expect(left.filter((name) => name.startsWith(".tmp-"))).toEqual([]);
  });

  it("refuses too many pixels with ImageResolutionExceed and X-ErrNo -447", async () => {
    const wide = await sharp({ create: { width: 50_001, height: 2, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    const answer = await putWithRules("limits/wide.png", wide, [
      { fileid: "w.png", rule: "imageMogr2/thumbnail/10x" },
    ]);
    expect(answer.status).toBe(400);
    expect(xmlField(answer.text, "Code")).toBe("ImageResolutionExceed");
    expect(answer.headers["x-errno"]).toBe("-447");
    expect(await exists("limits/wide.png")).toBe(false);
  });

  it("refuses an input over 32 MB with EntityTooLarge", async () => {
    const answer = await putWithRules("limits/huge.jpg", Buffer.alloc(32 * 1024 * 1024 + 1), [
      { fileid: "h.jpg", rule: "imageMogr2/thumbnail/10x" },
    ]);
    expect(answer.status).toBe(400);
    expect(xmlField(answer.text, "Code")).toBe("EntityTooLarge");
    expect(await exists("limits/huge.jpg")).toBe(false);
  });

  it("answers 501 NotImplemented for what the local engine cannot reproduce", async () => {
    const answer = await putWithRules("limits/tpg.jpg", photo, [
      { fileid: "t.tpg", rule: "imageMogr2/format/tpg" },
    ]);
    expect(answer.status).toBe(501);
    expect(xmlField(answer.text, "Code")).toBe("NotImplemented");
    expect(xmlField(answer.text, "Message")).toMatch(/local bucket cannot reproduce/);
    expect(await exists("limits/tpg.jpg")).toBe(false);
  });
});

describe("POST ?image_process", () => {
  it("processes a stored object without touching it", async () => {
    await cosRequest(h.bucket, { method: "PUT", key: "cloud/src.jpg", body: photo });
    const answer = await cosRequest(h.bucket, {
      method: "POST",
      key: "cloud/src.jpg",
      query: { image_process: "" },
      headers: { "pic-operations": picOps([{ fileid: "src-gray.jpg", rule: "imageMogr2/grayscale/1" }]) },
    });
    expect(answer.status).toBe(200);
    expect(xmlFields(answer.text, "Key")).toEqual(["cloud/src.jpg", "cloud/src-gray.jpg"]);
    expect((await cosRequest(h.bucket, { key: "cloud/src.jpg" })).body.equals(photo)).toBe(true);
    expect(await exists("cloud/src-gray.jpg")).toBe(true);
  });

  it("answers NoSuchKey for a missing object", async () => {
    const answer = await cosRequest(h.bucket, {
      method: "POST",
      key: "cloud/missing.jpg",
      query: { image_process: "" },
      headers: { "pic-operations": picOps([{ fileid: "x.jpg", rule: "imageMogr2/grayscale/1" }]) },
    });
    expect(answer.status).toBe(404);
    expect(xmlField(answer.text, "Code")).toBe("NoSuchKey");
  });
});

describe("download-time processing", () => {
  beforeAll(async () => {
    await cosRequest(h.bucket, { method: "PUT", key: "view/p.jpg", body: photo });
  });

  it("takes the rule as a raw query key, and percent-encoded with an empty value", async () => {
    const raw = await cosRequest(h.bucket, {
      key: "view/p.jpg",
      rawQuery: "imageMogr2/thumbnail/!50p/format/png",
    });
    expect(raw.status).toBe(200);
    expect(raw.headers["content-type"]).toBe("image/png");
    expect((await sharp(raw.body).metadata()).width).toBe(320);
    const encoded = await cosRequest(h.bucket, {
      key: "view/p.jpg",
      rawQuery: "imageMogr2%2Fthumbnail%2F300x300%21=",
    });
    expect(encoded.status).toBe(200);
    const meta = await sharp(encoded.body).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 300, 300]);
    const listing = await cosRequest(h.bucket, { query: { prefix: "view/" } });
    expect(xmlFields(listing.text, "Key")).toEqual(["view/p.jpg"]);
  });

  it("answers ?imageInfo with strings and ?imageAve with the average colour", async () => {
    const info = await cosRequest(h.bucket, { key: "view/p.jpg", rawQuery: "imageInfo" });
    expect(info.headers["content-type"]).toBe("application/json");
    const json = JSON.parse(info.text);
    expect(json).toMatchObject({ format: "jpeg", width: "640", height: "480", size: String(photo.length) });
    expect(json.md5).toMatch(/^[0-9a-f]{32}$/);
    const ave = JSON.parse((await cosRequest(h.bucket, { key: "view/p.jpg", rawQuery: "imageAve" })).text);
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(ave.RGB.slice(1 + i, 3 + i), 16));
    expect(Math.abs((r ?? 0) - 200)).toBeLessThan(8);
    expect(Math.abs((g ?? 0) - 40)).toBeLessThan(8);
    expect(Math.abs((b ?? 0) - 10)).toBeLessThan(8);
  });

  it("refuses a bad rule with 400 InvalidArgument", async () => {
    const answer = await cosRequest(h.bucket, { key: "view/p.jpg", rawQuery: "imageMogr2/rotate/abc" });
    expect(answer.status).toBe(400);
    expect(xmlField(answer.text, "Code")).toBe("InvalidArgument");
  });
});

describe("styles", () => {
  it("adds, lists, uses and deletes a style", async () => {
    const add = await cosRequest(h.bucket, {
      method: "PUT",
      query: { style: "" },
      headers: { "content-type": "application/xml" },
      body: "<AddStyle><StyleName>half</StyleName><StyleBody>imageMogr2/thumbnail/!50p</StyleBody></AddStyle>",
    });
    expect(add.status).toBe(200);
    const list = await cosRequest(h.bucket, {
      query: { style: "" },
      body: "<GetStyle><StyleName>half</StyleName></GetStyle>",
    });
    expect(list.text).toContain(
      "<StyleList><StyleRule><StyleName>half</StyleName><StyleBody>imageMogr2/thumbnail/!50p</StyleBody></StyleRule></StyleList>",
    );

    const put = await putWithRules("styled/s.jpg", photo, [{ fileid: "s-half.jpg", rule: "style/half" }]);
    expect(put.status).toBe(200);
    expect(xmlFields(put.text, "Width")).toEqual(["320"]);
    const download = await cosRequest(h.bucket, { key: "styled/s.jpg", rawQuery: "style/half" });
    expect((await sharp(download.body).metadata()).width).toBe(320);

    const removed = await cosRequest(h.bucket, {
      method: "DELETE",
      query: { style: "" },
      body: "<DeleteStyle><StyleName>half</StyleName></DeleteStyle>",
    });
    expect(removed.status).toBe(200);
    const gone = await putWithRules("styled/t.jpg", photo, [{ fileid: "t-half.jpg", rule: "style/half" }]);
    expect(gone.status).toBe(400);
    expect(gone.headers["x-errno"]).toBe("-105");
    expect(await exists("styled/t.jpg")).toBe(false);
    const unknownDownload = await cosRequest(h.bucket, { key: "styled/s.jpg", rawQuery: "style/half" });
    expect(unknownDownload.headers["x-errno"]).toBe("-105");
  });

  it("keeps an original stored through Pic-Operations, and its outputs, across a restart", async () => {
    const answer = await putWithRules("kept/original.jpg", photo, [
      { fileid: "kept-small.png", rule: "imageMogr2/thumbnail/64x/format/png" },
    ]);
    expect(answer.status).toBe(200);
    await h.restart();
    const original = await cosRequest(h.bucket, { key: "kept/original.jpg" });
    expect(original.status).toBe(200);
    expect(original.body.equals(photo)).toBe(true);
    const small = await cosRequest(h.bucket, { key: "kept/kept-small.png" });
    expect((await sharp(small.body).metadata()).width).toBe(64);
  });

  it("keeps styles across a restart", async () => {
    await cosRequest(h.bucket, {
      method: "PUT",
      query: { style: "" },
      body: "<AddStyle><StyleName>tiny</StyleName><StyleBody>imageMogr2/thumbnail/16x</StyleBody></AddStyle>",
    });
    await h.restart();
    const list = await cosRequest(h.bucket, { query: { style: "" } });
    expect(xmlFields(list.text, "StyleName")).toContain("tiny");
  });
});
