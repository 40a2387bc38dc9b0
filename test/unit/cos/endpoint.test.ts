import COS from "cos-nodejs-sdk-v5";
import { describe, expect, it } from "vitest";
import {
  encodeKey,
  objectLocation,
  objectTarget,
  objectUrl,
  picHost,
  styleTarget,
} from "../../../electron/cos/endpoint";

const BUCKET = "examplebucket-1250000000";
const REGION = "ap-guangzhou";
const AWKWARD_KEY = "photos/2024 夏天/a b!'()*~&+=;,@$#?%.jpg";

/** The official SDK's unsigned URL for the same object, as the oracle. */
function sdkUrl(key: string, options: { Domain?: string; Protocol?: "http:" | "https:" } = {}): string {
  const cos = new COS({ SecretId: "id", SecretKey: "key", ...options });
  return cos.getObjectUrl({ Bucket: BUCKET, Region: REGION, Key: key, Sign: false }, () => {});
}

describe("virtual-host endpoint", () => {
  it("builds https://<bucket>.cos.<region>.myqcloud.com/<key> exactly as the Node SDK", () => {
    expect(objectUrl({ kind: "virtual-host" }, BUCKET, REGION, "a.jpg")).toBe(
      "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/a.jpg",
    );
    expect(objectUrl({ kind: "virtual-host" }, BUCKET, REGION, AWKWARD_KEY)).toBe(sdkUrl(AWKWARD_KEY));
  });

  it("sends the encoded path but signs the decoded key, with the bucket host", () => {
    expect(objectTarget({ kind: "virtual-host" }, BUCKET, REGION, "a b/c.jpg")).toEqual({
      origin: "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com",
      host: "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com",
      path: "/a%20b/c.jpg",
      signedPath: "/a b/c.jpg",
    });
  });

  it("addresses the bucket root with key ''", () => {
    const target = objectTarget({ kind: "virtual-host" }, BUCKET, REGION, "");
    expect([target.path, target.signedPath]).toEqual(["/", "/"]);
  });
});

describe("custom domain", () => {
  it("fills {Bucket}, {BucketName}, {AppId} and {Region} as the Node SDK's Domain", () => {
    const domain = "{BucketName}-{AppId}.{Region}.img.example.com";
    expect(objectUrl({ kind: "custom-domain", domain }, BUCKET, REGION, AWKWARD_KEY)).toBe(
      sdkUrl(AWKWARD_KEY, { Domain: domain }),
    );
    expect(
      objectUrl({ kind: "custom-domain", domain: "{Bucket}.cdn.example.com" }, BUCKET, REGION, "a.jpg"),
    ).toBe("https://examplebucket-1250000000.cdn.example.com/a.jpg");
  });

  it("gives path-style URLs when the domain holds the bucket in its path, signing only the key", () => {
    const endpoint = { kind: "custom-domain", domain: "127.0.0.1:9000/{Bucket}", protocol: "http:" } as const;
    expect(objectUrl(endpoint, BUCKET, REGION, AWKWARD_KEY)).toBe(
      sdkUrl(AWKWARD_KEY, { Domain: "127.0.0.1:9000/{Bucket}", Protocol: "http:" }),
    );
    expect(objectTarget(endpoint, BUCKET, REGION, "x/y.jpg")).toEqual({
      origin: "http://127.0.0.1:9000",
      host: "127.0.0.1:9000",
      path: `/${BUCKET}/x/y.jpg`,
      signedPath: "/x/y.jpg",
    });
  });
});

describe("path-style base URL", () => {
  it("puts the bucket first in the path and keeps the port in the host", () => {
    const endpoint = { kind: "path-style", baseUrl: "http://127.0.0.1:9000/" } as const;
    expect(objectTarget(endpoint, BUCKET, REGION, "a b.jpg")).toEqual({
      origin: "http://127.0.0.1:9000",
      host: "127.0.0.1:9000",
      path: `/${BUCKET}/a%20b.jpg`,
      signedPath: "/a b.jpg",
    });
    expect(objectTarget(endpoint, BUCKET, REGION, "").path).toBe(`/${BUCKET}/`);
  });

  it("serves styles from the same base", () => {
    const endpoint = { kind: "path-style", baseUrl: "http://127.0.0.1:9000" } as const;
    expect(styleTarget(endpoint, BUCKET, REGION).path).toBe(`/${BUCKET}/`);
  });
});

describe("other hosts and forms", () => {
  it("uses the pic host for styles on COS", () => {
    expect(picHost(BUCKET, REGION)).toBe("examplebucket-1250000000.pic.ap-guangzhou.myqcloud.com");
    expect(styleTarget({ kind: "virtual-host" }, BUCKET, REGION)).toMatchObject({
      origin: "https://examplebucket-1250000000.pic.ap-guangzhou.myqcloud.com",
      path: "/",
      signedPath: "/",
    });
  });

  it("writes Location without a scheme, as UploadResult does", () => {
    expect(objectLocation({ kind: "virtual-host" }, BUCKET, REGION, "test.jpg")).toBe(
      "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/test.jpg",
    );
  });

  it("keeps slashes and encodes everything else outside A-Z a-z 0-9 - _ . ~", () => {
    expect(encodeKey("a/b c/数!*.jpg")).toBe("a/b%20c/%E6%95%B0%21%2A.jpg");
  });
});
