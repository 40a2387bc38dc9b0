import { createHash, createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cosEncode, signRequest } from "../../../electron/cos/signature";
import { BUCKET, cosRequest, type Harness, SECRET_ID, SECRET_KEY, startHarness, xmlField } from "./harness";

/** The server's clock is pinned so that key-time checks are exact. */
const NOW_S = 1_700_000_000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: () => NOW_S * 1000 });
  await cosRequest(h.bucket, {
    method: "PUT",
    key: "signed.txt",
    body: "hello",
    keyTime: [NOW_S - 10, NOW_S + 10],
  });
});
afterAll(async () => {
  await h.dispose();
});

const valid: [number, number] = [NOW_S - 60, NOW_S + 900];

describe("signature checks", () => {
  it("accepts a valid signature, path-style and virtual-host", async () => {
    expect((await cosRequest(h.bucket, { key: "signed.txt", keyTime: valid })).text).toBe("hello");
    const virtual = await cosRequest(h.bucket, { key: "signed.txt", keyTime: valid, virtualHost: true });
    expect(virtual.status).toBe(200);
    expect(virtual.text).toBe("hello");
  });

  it("refuses a wrong SecretKey with 403 SignatureDoesNotMatch", async () => {
    const answer = await cosRequest(h.bucket, { key: "signed.txt", keyTime: valid, secretKey: "wrong" });
    expect(answer.status).toBe(403);
    expect(xmlField(answer.text, "Code")).toBe("SignatureDoesNotMatch");
    expect(answer.text).not.toContain(SECRET_KEY);
  });

  it("refuses an unknown SecretId with 403 InvalidAccessKeyId", async () => {
    const answer = await cosRequest(h.bucket, { key: "signed.txt", keyTime: valid, secretId: "AKIDnobody" });
    expect(answer.status).toBe(403);
    expect(xmlField(answer.text, "Code")).toBe("InvalidAccessKeyId");
  });

  it("refuses a key time that has passed or not begun with AccessDenied, Request has expired", async () => {
    for (const keyTime of [
      [NOW_S - 1000, NOW_S - 1],
      [NOW_S + 1, NOW_S + 1000],
    ] as [number, number][]) {
      const answer = await cosRequest(h.bucket, { key: "signed.txt", keyTime });
      expect(answer.status).toBe(403);
      expect(xmlField(answer.text, "Code")).toBe("AccessDenied");
      expect(xmlField(answer.text, "Message")).toBe("Request has expired");
    }
    const edge = await cosRequest(h.bucket, { key: "signed.txt", keyTime: [NOW_S, NOW_S] });
    expect(edge.status).toBe(200);
  });

  it("dates its answers by its own clock, so clients can correct their skew from them", async () => {
    const answer = await cosRequest(h.bucket, { key: "signed.txt", keyTime: [NOW_S + 1, NOW_S + 1000] });
    expect(answer.headers.date).toBe(new Date(NOW_S * 1000).toUTCString());
  });

  it("takes temporary keys only with their session token, and refuses them once it expires", async () => {
    const temporary = { secretId: "AKIDtemporary", secretKey: "temporary-secret-key" };
    h.bucket.addCredentials({ ...temporary, sessionToken: "token-1", expiresAt: (NOW_S + 1) * 1000 });
    const withToken = { "x-cos-security-token": "token-1" };
    const ok = await cosRequest(h.bucket, {
      key: "signed.txt",
      keyTime: valid,
      ...temporary,
      headers: withToken,
    });
    expect(ok.text).toBe("hello");
    const missing = await cosRequest(h.bucket, { key: "signed.txt", keyTime: valid, ...temporary });
    expect([missing.status, xmlField(missing.text, "Code")]).toEqual([403, "AccessDenied"]);
    const wrong = { "x-cos-security-token": "token-2" };
    const foreign = await cosRequest(h.bucket, {
      key: "signed.txt",
      keyTime: valid,
      ...temporary,
      headers: wrong,
    });
    expect([foreign.status, xmlField(foreign.text, "Code")]).toEqual([403, "AccessDenied"]);

    h.bucket.addCredentials({ ...temporary, sessionToken: "token-1", expiresAt: NOW_S * 1000 });
    const expired = await cosRequest(h.bucket, {
      key: "signed.txt",
      keyTime: valid,
      ...temporary,
      headers: withToken,
    });
    expect(expired.status).toBe(400);
    expect(xmlField(expired.text, "Code")).toBe("ExpiredToken");
  });

  it("refuses unsigned requests and other algorithms", async () => {
    expect((await cosRequest(h.bucket, { key: "signed.txt", unsigned: true })).status).toBe(403);
    const auth = signRequest({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      method: "GET",
      path: "/signed.txt",
      startTime: valid[0],
      endTime: valid[1],
    }).replace("q-sign-algorithm=sha1", "q-sign-algorithm=sha256");
    const answer = await cosRequest(h.bucket, {
      key: "signed.txt",
      unsigned: true,
      headers: { authorization: auth },
    });
    expect(answer.status).toBe(403);
  });

  it("detects a tampered signed header", async () => {
    const auth = signRequest({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      method: "PUT",
      path: "/meta.txt",
      headers: { "x-cos-meta-owner": "ada" },
      startTime: valid[0],
      endTime: valid[1],
    });
    const answer = await cosRequest(h.bucket, {
      method: "PUT",
      key: "meta.txt",
      body: "x",
      unsigned: true,
      headers: { authorization: auth, "x-cos-meta-owner": "eve" },
    });
    expect(answer.status).toBe(403);
    expect(xmlField(answer.text, "Code")).toBe("SignatureDoesNotMatch");
  });

  it("accepts a host signed without its port (as Python signs it)", async () => {
    const auth = signRequest({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      method: "GET",
      path: "/signed.txt",
      headers: { host: "127.0.0.1" },
      startTime: valid[0],
      endTime: valid[1],
    });
    const answer = await cosRequest(h.bucket, {
      key: "signed.txt",
      unsigned: true,
      headers: { authorization: auth },
    });
    expect(answer.status).toBe(200);
  });

  it("accepts presigned URLs, both the q-* pairs and the merged sign= form", async () => {
    const auth = signRequest({
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      method: "GET",
      path: "/signed.txt",
      query: { "response-content-type": "text/x-test" },
      startTime: valid[0],
      endTime: valid[1],
    });
    const pairs = auth
      .split("&")
      .map((pair) => {
        const [name, value = ""] = pair.split("=");
        return `${name}=${cosEncode(value)}`;
      })
      .join("&");
    const presigned = await cosRequest(h.bucket, {
      key: "signed.txt",
      unsigned: true,
      rawQuery: `response-content-type=text%2Fx-test&${pairs}`,
    });
    expect(presigned.status).toBe(200);
    expect(presigned.headers["content-type"]).toBe("text/x-test");
    const merged = await cosRequest(h.bucket, {
      key: "signed.txt",
      unsigned: true,
      rawQuery: `response-content-type=text%2Fx-test&sign=${cosEncode(auth)}`,
    });
    expect(merged.status).toBe(200);
    const tampered = await cosRequest(h.bucket, {
      key: "signed.txt",
      unsigned: true,
      rawQuery: `response-content-type=text%2Fhtml&sign=${cosEncode(auth)}`,
    });
    expect(tampered.status).toBe(403);
  });

  it("signs query names the way §1.3 says: encoded, then lowercased", async () => {
    const answer = await cosRequest(h.bucket, {
      key: "signed.txt",
      keyTime: valid,
      query: { "Response-Content-Language": "zh-CN !'()*" },
    });
    expect(answer.status).toBe(200);
  });

  it("rebuilds the signed string in the order of q-url-param-list and q-header-list (§1.7)", async () => {
    // Signed as reference §1.3 says Node once did: raw names sorted case-insensitively, then
    // encoded. `Za` < `z{` raw, but `z%7b` < `za` encoded (`|` likewise in header names), so a
    // server that re-sorts would refuse it.
    const host = `127.0.0.1:${h.bucket.port}`;
    const keyTime = `${valid[0]};${valid[1]}`;
    const httpString = `get\n/signed.txt\nza=1&z%7b=2\nhost=${cosEncode(host)}&x-cos-meta-za=a&x-cos-meta-z%7c=b\n`;
    const hmac = (key: string, message: string) => createHmac("sha1", key).update(message).digest("hex");
    const stringToSign = `sha1\n${keyTime}\n${createHash("sha1").update(httpString).digest("hex")}\n`;
    const authorization = [
      "q-sign-algorithm=sha1",
      `q-ak=${SECRET_ID}`,
      `q-sign-time=${keyTime}`,
      `q-key-time=${keyTime}`,
      "q-header-list=host;x-cos-meta-za;x-cos-meta-z%7c",
      "q-url-param-list=za;z%7b",
      `q-signature=${hmac(hmac(SECRET_KEY, keyTime), stringToSign)}`,
    ].join("&");
    const answer = await cosRequest(h.bucket, {
      key: "signed.txt",
      unsigned: true,
      query: { Za: "1", "z{": "2" },
      headers: { authorization, "x-cos-meta-za": "a", "x-cos-meta-z|": "b" },
    });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.text).toBe("hello");
  });

  it("does not let a bucket of another region through on a virtual host", async () => {
    const answer = await cosRequest(h.bucket, {
      key: "signed.txt",
      keyTime: valid,
      unsigned: true,
      headers: {
        host: `${BUCKET}.cos.ap-beijing.myqcloud.com`,
      },
    });
    expect(answer.status).toBe(404);
    expect(xmlField(answer.text, "Code")).toBe("NoSuchBucket");
  });
});
