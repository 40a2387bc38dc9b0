import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  computeSignature,
  cosEncode,
  parseAuthorization,
  signRequest,
} from "../../../electron/cos/signature";

// Vectors from the reference §1.8 (cos-go-sdk-v5's own tests, recomputed independently).
describe("signRequest", () => {
  it("signs with each request's own secret, whichever was used last in the same second", () => {
    const request = (secretKey: string) => ({
      secretId: "AKIDsame",
      secretKey,
      method: "get",
      path: "/a.jpg",
      startTime: 1700000000,
      endTime: 1700000900,
    });
    // The signature by hand (reference §1.2): HMAC of the key time, then of the string to sign.
    const expected = (secretKey: string) => {
      const keyTime = "1700000000;1700000900";
      const httpString = "get\n/a.jpg\n\n\n";
      const toSign = `sha1\n${keyTime}\n${createHash("sha1").update(httpString).digest("hex")}\n`;
      const signKey = createHmac("sha1", secretKey).update(keyTime).digest("hex");
      return createHmac("sha1", signKey).update(toSign).digest("hex");
    };
    for (const secretKey of ["first-secret", "second-secret", "first-secret"]) {
      expect(computeSignature(request(secretKey)).signature).toBe(expected(secretKey));
    }
  });

  it("matches vector A (headers signed)", () => {
    const auth = signRequest({
      secretId: "QmFzZTY0IGlzIGEgZ2VuZXJp",
      secretKey: "AKIDZfbOA78asKUYBcXFrJD0a1ICvR98JM",
      method: "PUT",
      path: "/testfile2",
      headers: {
        Host: "testbucket-125000000.cos.ap-guangzhou.myqcloud.com",
        "x-cos-content-sha1": "db8ac1c259eb89d4a131b253bacfca5f319d54f2",
        "x-cos-stroage-class": "nearline",
      },
      startTime: 1480932292,
      endTime: 1481012292,
    });
    expect(auth).toBe(
      "q-sign-algorithm=sha1&q-ak=QmFzZTY0IGlzIGEgZ2VuZXJp&q-sign-time=1480932292;1481012292&q-key-time=1480932292;1481012292&q-header-list=host;x-cos-content-sha1;x-cos-stroage-class&q-url-param-list=&q-signature=ce4ac0ecbcdb30538b3fee0a97cc6389694ce53a",
    );
  });

  it("matches vector B (nothing signed but method and path)", () => {
    const parts = computeSignature({
      secretId: "QmFzZTY0IGlzIGEgZ*******",
      secretKey: "ZfbOA78asKUYBcXFrJD0a1I*******",
      method: "put",
      path: "/test.jpg",
      startTime: 1622702557,
      endTime: 1622706157,
    });
    expect(parts.signature).toBe("820975b5a8eccce9455b94d4ebed14d66654bf3c");
  });

  it("matches vector C (a query parameter signed)", () => {
    const parts = computeSignature({
      secretId: "QmFzZTY0IGlzIGEgZ*******",
      secretKey: "ZfbOA78asKUYBcXFrJD0a1I*******",
      method: "put",
      path: "/test.jpg",
      query: { test: "params" },
      startTime: 1622702557,
      endTime: 1622706157,
    });
    expect(parts.urlParamList).toBe("test");
    expect(parts.signature).toBe("7757e84ed5f8953eafc30afcd2a5d1ad68e00d67");
  });
});

describe("cosEncode", () => {
  it("encodes everything but unreserved characters, with uppercase hex", () => {
    expect(cosEncode("a b/!'()*~-_.")).toBe("a%20b%2F%21%27%28%29%2A~-_.");
    expect(cosEncode("数据")).toBe("%E6%95%B0%E6%8D%AE");
  });

  it("lowercases encoded names, so a rule used as a query key signs as the SDKs do", () => {
    const parts = computeSignature({
      secretId: "id",
      secretKey: "key",
      method: "get",
      path: "/a.jpg",
      query: { "imageMogr2/thumbnail/!50p": "" },
      startTime: 1,
      endTime: 2,
    });
    expect(parts.urlParamList).toBe("imagemogr2%2fthumbnail%2f%2150p");
  });
});

describe("parseAuthorization", () => {
  it("reads back every field of a signed value", () => {
    const value = signRequest({
      secretId: "AKID",
      secretKey: "secret",
      method: "get",
      path: "/",
      headers: { host: "h" },
      query: { prefix: "a" },
      startTime: 10,
      endTime: 20,
    });
    const parsed = parseAuthorization(value);
    expect(parsed).toMatchObject({
      algorithm: "sha1",
      secretId: "AKID",
      keyTime: "10;20",
      headerList: ["host"],
      urlParamList: ["prefix"],
    });
    expect(parsed?.signature).toMatch(/^[0-9a-f]{40}$/);
  });

  it("refuses a value missing required pairs", () => {
    expect(parseAuthorization("q-sign-algorithm=sha1&q-ak=x")).toBeUndefined();
  });
});

/** Reference §1.2 written out over an HttpString given whole, independently of computeSignature. */
function signOver(httpString: string, keyTime: string, secretKey: string): string {
  const hmac = (key: string, message: string) => createHmac("sha1", key).update(message).digest("hex");
  const sha1 = createHash("sha1").update(httpString).digest("hex");
  return hmac(hmac(secretKey, keyTime), `sha1\n${keyTime}\n${sha1}\n`);
}

describe("computeSignature in the signer's listed order (reference §1.7)", () => {
  // `za` sorts before `z{` raw (a < {) but after it encoded (`z%7b`: % < a).
  const input = {
    secretId: "AKID",
    secretKey: "secret",
    method: "GET",
    path: "/a.jpg",
    query: { "z{": "2", za: "1" },
    headers: { "x-cos-meta-z{": "b", "x-cos-meta-za": "a", host: "h" },
    startTime: 10,
    endTime: 20,
  };

  it("sorts by the encoded names by default, as every SDK does when signing", () => {
    const parts = computeSignature(input);
    expect(parts.urlParamList).toBe("z%7b;za");
    expect(parts.headerList).toBe("host;x-cos-meta-z%7b;x-cos-meta-za");
    expect(parts.signature).toBe(
      signOver("get\n/a.jpg\nz%7b=2&za=1\nhost=h&x-cos-meta-z%7b=b&x-cos-meta-za=a\n", "10;20", "secret"),
    );
  });

  it("rebuilds the string in the order given, so a raw case-insensitive sort verifies", () => {
    const listed = { query: ["za", "z%7b"], headers: ["host", "x-cos-meta-za", "x-cos-meta-z%7b"] };
    const parts = computeSignature(input, { listed });
    expect(parts.urlParamList).toBe("za;z%7b");
    expect(parts.headerList).toBe("host;x-cos-meta-za;x-cos-meta-z%7b");
    const inListedOrder = signOver(
      "get\n/a.jpg\nza=1&z%7b=2\nhost=h&x-cos-meta-za=a&x-cos-meta-z%7b=b\n",
      "10;20",
      "secret",
    );
    expect(parts.signature).toBe(inListedOrder);
    expect(computeSignature(input).signature).not.toBe(inListedOrder);
  });

  it("matches the sorted signature when the list is in sorted order", () => {
    const sorted = computeSignature(input);
    const listed = { query: sorted.urlParamList.split(";"), headers: sorted.headerList.split(";") };
    expect(computeSignature(input, { listed })).toEqual(sorted);
  });

  it("signs a listed name with no entry as empty, and leaves unlisted entries out", () => {
    const parts = computeSignature(input, { listed: { query: ["absent"], headers: ["host"] } });
    expect(parts.signature).toBe(signOver("get\n/a.jpg\nabsent=\nhost=h\n", "10;20", "secret"));
  });
});
