import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUCKET, cosRequest, type Harness, startHarness, xmlField, xmlFields } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.dispose();
});

const md5Hex = (data: Buffer | string) => createHash("md5").update(data).digest("hex");
const md5Base64 = (data: Buffer | string) => createHash("md5").update(data).digest("base64");

describe("object round trips", () => {
  it("stores bytes and headers and gives them back on GET and HEAD", async () => {
    const body = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    const put = await cosRequest(h.bucket, {
      method: "PUT",
      key: "docs/ünïcode name (1).bin",
      body,
      headers: {
        "content-type": "application/x-picops",
        "cache-control": "max-age=60",
        "content-disposition": 'attachment; filename="a.bin"',
        "x-cos-meta-designer": "Ada",
        "x-cos-storage-class": "STANDARD_IA",
      },
    });
    expect(put.status).toBe(200);
    expect(put.headers.etag).toBe(`"${md5Hex(body)}"`);
    expect(put.headers["x-cos-request-id"]).toBeTruthy();
    expect(put.headers.server).toBe("tencent-cos");

    const get = await cosRequest(h.bucket, { key: "docs/ünïcode name (1).bin" });
    expect(get.status).toBe(200);
    expect(get.body.equals(body)).toBe(true);
    expect(get.headers["content-type"]).toBe("application/x-picops");
    expect(get.headers["cache-control"]).toBe("max-age=60");
    expect(get.headers["content-disposition"]).toBe('attachment; filename="a.bin"');
    expect(get.headers["x-cos-meta-designer"]).toBe("Ada");
    expect(get.headers["x-cos-storage-class"]).toBe("STANDARD_IA");
    expect(get.headers.etag).toBe(`"${md5Hex(body)}"`);
    expect(get.headers["last-modified"]).toMatch(/GMT$/);
    expect(get.headers.date).toBeTruthy();

    const head = await cosRequest(h.bucket, { method: "HEAD", key: "docs/ünïcode name (1).bin" });
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe("5000");
    expect(head.headers["x-cos-meta-designer"]).toBe("Ada");
    expect(head.body.length).toBe(0);
  });

  it("serves ranges with 206 and refuses unsatisfiable ones with 416", async () => {
    const body = Buffer.from("0123456789abcdefghij");
    await cosRequest(h.bucket, { method: "PUT", key: "range.txt", body });
    const middle = await cosRequest(h.bucket, { key: "range.txt", headers: { range: "bytes=5-9" } });
    expect(middle.status).toBe(206);
    expect(middle.text).toBe("56789");
    expect(middle.headers["content-range"]).toBe("bytes 5-9/20");
    const tail = await cosRequest(h.bucket, { key: "range.txt", headers: { range: "bytes=-4" } });
    expect(tail.text).toBe("ghij");
    const open = await cosRequest(h.bucket, { key: "range.txt", headers: { range: "bytes=18-" } });
    expect(open.text).toBe("ij");
    const beyond = await cosRequest(h.bucket, { key: "range.txt", headers: { range: "bytes=40-50" } });
    expect(beyond.status).toBe(416);
    expect(xmlField(beyond.text, "Code")).toBe("InvalidRange");
  });

  it("applies response-* overrides on GET", async () => {
    await cosRequest(h.bucket, {
      method: "PUT",
      key: "override.txt",
      body: "x",
      headers: { "content-type": "text/plain" },
    });
    const get = await cosRequest(h.bucket, {
      key: "override.txt",
      query: { "response-content-type": "image/png", "response-content-disposition": "inline" },
    });
    expect(get.headers["content-type"]).toBe("image/png");
    expect(get.headers["content-disposition"]).toBe("inline");
  });

  it("answers NoSuchKey with the COS error document, and HEAD with no body", async () => {
    const get = await cosRequest(h.bucket, { key: "missing.jpg" });
    expect(get.status).toBe(404);
    expect(get.headers["content-type"]).toBe("application/xml");
    expect(xmlField(get.text, "Code")).toBe("NoSuchKey");
    expect(xmlField(get.text, "Resource")).toBe(`${BUCKET}.cos.ap-guangzhou.myqcloud.com/missing.jpg`);
    expect(xmlField(get.text, "RequestId")).toBe(get.headers["x-cos-request-id"]);
    expect(xmlField(get.text, "TraceId")).toBeTruthy();
    const head = await cosRequest(h.bucket, { method: "HEAD", key: "missing.jpg" });
    expect(head.status).toBe(404);
    expect(head.body.length).toBe(0);
  });

  it("answers NoSuchBucket for a bucket it does not hold", async () => {
    const get = await cosRequest(h.bucket, { bucket: "nope-1250000000", key: "a.jpg" });
    expect(get.status).toBe(404);
    expect(xmlField(get.text, "Code")).toBe("NoSuchBucket");
  });

  it("deletes with 204, also when the key is missing", async () => {
    await cosRequest(h.bucket, { method: "PUT", key: "gone.txt", body: "bye" });
    expect((await cosRequest(h.bucket, { method: "DELETE", key: "gone.txt" })).status).toBe(204);
    expect((await cosRequest(h.bucket, { key: "gone.txt" })).status).toBe(404);
    expect((await cosRequest(h.bucket, { method: "DELETE", key: "gone.txt" })).status).toBe(204);
  });

  it("deletes several keys with POST ?delete, quiet or not", async () => {
    for (const key of ["multi/a", "multi/b", "multi/c"]) {
      await cosRequest(h.bucket, { method: "PUT", key, body: key });
    }
    const body = `<Delete><Quiet>false</Quiet><Object><Key>multi/a</Key></Object><Object><Key>multi/b</Key></Object><Object><Key>../evil</Key></Object></Delete>`;
    const answer = await cosRequest(h.bucket, {
      method: "POST",
      query: { delete: "" },
      body,
      headers: { "content-md5": md5Base64(body), "content-type": "application/xml" },
    });
    expect(answer.status).toBe(200);
    expect(xmlFields(answer.text.split("<Error>")[0] ?? "", "Key")).toEqual(["multi/a", "multi/b"]);
    expect(answer.text).toContain("<Error><Key>../evil</Key><Code>InvalidArgument</Code>");
    expect((await cosRequest(h.bucket, { key: "multi/a" })).status).toBe(404);
    expect((await cosRequest(h.bucket, { key: "multi/c" })).status).toBe(200);

    const quietBody = `<Delete><Quiet>true</Quiet><Object><Key>multi/c</Key></Object></Delete>`;
    const quiet = await cosRequest(h.bucket, { method: "POST", query: { delete: "" }, body: quietBody });
    expect(quiet.status).toBe(200);
    expect(quiet.text).not.toContain("<Deleted>");
    expect((await cosRequest(h.bucket, { key: "multi/c" })).status).toBe(404);
  });
});

describe("upload checks", () => {
  it("refuses a body whose Content-MD5 does not match, and stores nothing", async () => {
    const answer = await cosRequest(h.bucket, {
      method: "PUT",
      key: "digest.txt",
      body: "actual bytes",
      headers: { "content-md5": md5Base64("other bytes") },
    });
    expect(answer.status).toBe(400);
    expect(xmlField(answer.text, "Code")).toBe("BadDigest");
    expect((await cosRequest(h.bucket, { key: "digest.txt" })).status).toBe(404);
  });

  it("refuses a malformed Content-MD5 with InvalidDigest", async () => {
    const answer = await cosRequest(h.bucket, {
      method: "PUT",
      key: "digest.txt",
      body: "x",
      headers: { "content-md5": "not-base64-md5" },
    });
    expect(answer.status).toBe(400);
    expect(xmlField(answer.text, "Code")).toBe("InvalidDigest");
  });

  it("refuses a chunked upload without Content-Length with 411", async () => {
    const answer = await cosRequest(h.bucket, {
      method: "PUT",
      key: "chunked.txt",
      body: "abc",
      chunked: true,
    });
    expect(answer.status).toBe(411);
    expect(xmlField(answer.text, "Code")).toBe("MissingContentLength");
    expect((await cosRequest(h.bucket, { key: "chunked.txt" })).status).toBe(404);
  });

  it("checks x-cos-traffic-limit against 819200–838860800", async () => {
    const low = await cosRequest(h.bucket, {
      method: "PUT",
      key: "t.txt",
      body: "x",
      headers: { "x-cos-traffic-limit": "1000" },
    });
    expect(low.status).toBe(400);
    expect(xmlField(low.text, "Code")).toBe("InvalidArgument");
    const ok = await cosRequest(h.bucket, {
      method: "PUT",
      key: "t.txt",
      body: "x",
      headers: { "x-cos-traffic-limit": "819200" },
    });
    expect(ok.status).toBe(200);
  });
});

describe("unsafe keys", () => {
  const attempts = [
    { name: "../x", rawPath: "../x" },
    { name: "a/../../b", rawPath: "a/../../b" },
    { name: "%2e%2e/x", rawPath: "%2e%2e/x" },
    { name: "%2E%2E%2Fx", rawPath: "%2E%2E%2Fx" },
    { name: "control character", rawPath: "a%0Ab" },
  ];
  for (const attempt of attempts) {
    for (const virtualHost of [false, true]) {
      it(`refuses ${attempt.name} (${virtualHost ? "virtual host" : "path-style"}) and writes nothing outside root`, async () => {
        const answer = await cosRequest(h.bucket, {
          method: "PUT",
          rawPath: attempt.rawPath,
          key: decodeURIComponent(attempt.rawPath),
          body: "escape",
          virtualHost,
        });
        expect(answer.status).toBe(400);
        expect(["InvalidURI", "KeyTooLong"]).toContain(xmlField(answer.text, "Code"));
        expect(await readdir(h.parent)).toEqual(["root"]);
      });
    }
  }

  it("refuses a key longer than 850 bytes with KeyTooLong", async () => {
    const answer = await cosRequest(h.bucket, { method: "PUT", key: "k".repeat(851), body: "x" });
    expect(answer.status).toBe(400);
    expect(xmlField(answer.text, "Code")).toBe("KeyTooLong");
  });
});
