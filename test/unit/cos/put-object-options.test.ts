import { describe, expect, it } from "vitest";
import { putObjectHeaders } from "../../../electron/cos/object-headers";
import {
  PutObjectOptionsSchema,
  TRAFFIC_LIMIT_MAX,
  TRAFFIC_LIMIT_MIN,
} from "../../../shared/cos/put-object-options";

function issues(options: unknown): { path: PropertyKey[]; message: string }[] {
  const result = PutObjectOptionsSchema.safeParse(options);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

describe("PutObjectOptionsSchema", () => {
  it("accepts every option of ci_put_object", () => {
    const options = {
      acl: "public-read",
      grantFullControl: 'id="qcs::cam::uin/100000000001:uin/100000000001"',
      grantRead: 'id="qcs::cam::uin/1:uin/1",id="qcs::cam::uin/2:uin/2"',
      storageClass: "MAZ_INTELLIGENT_TIERING",
      expires: "Wed, 21 Oct 2015 07:28:00 GMT",
      cacheControl: "max-age=3600",
      contentType: "image/png",
      contentDisposition: 'attachment; filename="a.png"',
      contentEncoding: "identity",
      contentLanguage: "zh-CN",
      contentLength: 10,
      contentMd5: "1B2M2Y8AsgTpgAmY7PhCfg==",
      metadata: { author: "Ada", "shot-on": "x_1" },
      trafficLimit: 1_048_576,
    };
    expect(issues(options)).toEqual([]);
  });

  it("bounds TrafficLimit to 819200–838860800 bits/s and names the range", () => {
    expect(issues({ trafficLimit: TRAFFIC_LIMIT_MIN })).toEqual([]);
    expect(issues({ trafficLimit: TRAFFIC_LIMIT_MAX })).toEqual([]);
    for (const value of [TRAFFIC_LIMIT_MIN - 1, TRAFFIC_LIMIT_MAX + 1, 1_000_000.5]) {
      const [issue] = issues({ trafficLimit: value });
      expect(issue?.path).toEqual(["trafficLimit"]);
      expect(issue?.message).toContain("819200");
      expect(issue?.message).toContain("838860800");
    }
  });

  it("refuses metadata names that cannot be header names, duplicates by case, and over 2 KB", () => {
    expect(issues({ metadata: { "bad name": "x" } })[0]?.path).toEqual(["metadata", "bad name"]);
    expect(issues({ metadata: { "a:b": "x" } })).toHaveLength(1);
    expect(issues({ metadata: { "-lead": "x" } })).toHaveLength(1);
    expect(issues({ metadata: { Author: "a", author: "b" } })[0]?.message).toContain("twice");
    expect(issues({ metadata: { note: "数据" } })[0]?.message).toContain("ASCII");
    expect(issues({ metadata: { a: "x".repeat(2047) } })).toEqual([]);
    expect(issues({ metadata: { a: "x".repeat(2048) } })[0]?.message).toContain("2048");
  });

  it("refuses unknown enum values, unknown fields and a bad Content-MD5", () => {
    expect(issues({ acl: "public-read-write" })[0]?.path).toEqual(["acl"]);
    expect(issues({ storageClass: "GLACIER" })[0]?.path).toEqual(["storageClass"]);
    expect(issues({ StorageClass: "STANDARD" })).toHaveLength(1);
    expect(issues({ contentMd5: "d41d8cd98f00b204e9800998ecf8427e" })[0]?.path).toEqual(["contentMd5"]);
    expect(issues({ contentMd5: "1B2M2Y8AsgTpgAmY7PhCfg==", computeMd5: true })[0]?.path).toEqual([
      "computeMd5",
    ]);
    expect(issues({ expires: "not a date" })[0]?.path).toEqual(["expires"]);
    expect(issues({ grantRead: "uin/1" })[0]?.path).toEqual(["grantRead"]);
    expect(issues({ contentDisposition: "a\r\nx-evil: 1" })[0]?.path).toEqual(["contentDisposition"]);
  });
});

describe("putObjectHeaders", () => {
  it("maps every option to COS's header", () => {
    expect(
      putObjectHeaders("a.jpg", {
        acl: "private",
        grantFullControl: 'id="a"',
        grantRead: 'id="b"',
        storageClass: "ARCHIVE",
        expires: "Wed, 21 Oct 2015 07:28:00 GMT",
        cacheControl: "no-cache",
        contentDisposition: "inline",
        contentEncoding: "gzip",
        contentLanguage: "en",
        contentMd5: "1B2M2Y8AsgTpgAmY7PhCfg==",
        metadata: { Author: "Ada" },
        trafficLimit: 819200,
      }),
    ).toEqual({
      "content-type": "image/jpeg",
      "x-cos-acl": "private",
      "x-cos-grant-full-control": 'id="a"',
      "x-cos-grant-read": 'id="b"',
      "x-cos-storage-class": "ARCHIVE",
      expires: "Wed, 21 Oct 2015 07:28:00 GMT",
      "cache-control": "no-cache",
      "content-disposition": "inline",
      "content-encoding": "gzip",
      "content-language": "en",
      "content-md5": "1B2M2Y8AsgTpgAmY7PhCfg==",
      "x-cos-meta-author": "Ada",
      "x-cos-traffic-limit": "819200",
    });
  });

  it("takes the content type from the option, else from the key's extension", () => {
    expect(putObjectHeaders("a.PNG", {})["content-type"]).toBe("image/png");
    expect(putObjectHeaders("a.bin", {})["content-type"]).toBe("application/octet-stream");
    expect(putObjectHeaders("a.png", { contentType: "image/webp" })["content-type"]).toBe("image/webp");
  });
});
