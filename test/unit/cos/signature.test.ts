import { describe, expect, it } from "vitest";
import {
  computeSignature,
  cosEncode,
  parseAuthorization,
  signRequest,
} from "../../../electron/cos/signature";

// Vectors from the reference §1.8 (cos-go-sdk-v5's own tests, recomputed independently).
describe("signRequest", () => {
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
