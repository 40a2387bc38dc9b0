import COS from "cos-nodejs-sdk-v5";
import { describe, expect, it } from "vitest";
import { presignGetUrl } from "../../../electron/cos/presign";

// A presigned URL's query is the Authorization the official Node SDK computes for a GET of
// the key (host unsigned, so the link opens through a custom domain too).
const credentials = {
  secretId: "AKIDexampleexampleexampleexample",
  secretKey: "exampleSecretKeyExampleSecretKey",
};

describe("presigned GET URLs", () => {
  it("carry exactly the SDK's Authorization pairs for the key and the window", () => {
    const nowMs = 1_764_662_400_000;
    for (const key of ["2026/12/cat.jpg", "photos/2024 夏天/a b!'()*~&+=;,@$.jpg"]) {
      const url = presignGetUrl({
        objectUrl: "https://img.example.com/x",
        key,
        credentials,
        expiresInSeconds: 3600,
        nowMs,
      });
      const start = nowMs / 1000;
      const expected = COS.getAuthorization({
        SecretId: credentials.secretId,
        SecretKey: credentials.secretKey,
        Method: "get",
        Key: key,
        KeyTime: `${start};${start + 3600}`,
        Headers: {},
        Query: {},
      } as Parameters<typeof COS.getAuthorization>[0] & { KeyTime: string });
      expect(url).toBe(`https://img.example.com/x?${expected}`);
    }
  });

  it("appends a session token after the signature, as getObjectUrl does", () => {
    const url = presignGetUrl({
      objectUrl: "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/a.jpg",
      key: "a.jpg",
      credentials: { ...credentials, sessionToken: "tok/en+=" },
      expiresInSeconds: 900,
      nowMs: 1_000_000_000_000,
    });
    expect(url).toMatch(/&q-signature=[0-9a-f]{40}&x-cos-security-token=tok%2Fen%2B%3D$/);
  });
});
