import { describe, expect, it } from "vitest";
import { parseObjectAddress, parseUrlList, urlListText } from "../../../electron/cos/ci-job-url-list";

const BUCKET = "photos-1250000000";
const REGION = "ap-guangzhou";

describe("the URL list of a job's UrlFile", () => {
  it("names each key once by its address on COS's default domain, encoded, one a line", () => {
    expect(urlListText(BUCKET, REGION, ["shoots/a b.jpg", "shoots/照片+1.png", "shoots/a b.jpg"])).toBe(
      "https://photos-1250000000.cos.ap-guangzhou.myqcloud.com/shoots/a%20b.jpg\n" +
        "https://photos-1250000000.cos.ap-guangzhou.myqcloud.com/shoots/%E7%85%A7%E7%89%87%2B1.png\n",
    );
  });

  it("reads back exactly the keys it wrote", () => {
    const keys = ["shoots/a b.jpg", "shoots/照片+1.png", "x/(1)!*'.jpg"];
    expect(parseUrlList(urlListText(BUCKET, REGION, keys), BUCKET, REGION)).toEqual({ ok: true, keys });
  });

  it("names the first line that is not an object address of the job's bucket", () => {
    const good = urlListText(BUCKET, REGION, ["a.jpg"]);
    expect(parseUrlList(`${good}\nftp://x/y.jpg\n`, BUCKET, REGION)).toEqual({
      ok: false,
      line: 3,
      problem: "not-an-object-address",
    });
    expect(parseUrlList(urlListText("other-1250000000", REGION, ["a.jpg"]), BUCKET, REGION)).toEqual({
      ok: false,
      line: 1,
      problem: "another-bucket",
    });
    expect(parseUrlList("\n\n", BUCKET, REGION)).toEqual({ ok: false, line: 0, problem: "empty" });
  });

  it("reads an address's bucket, region and key, and nothing from other domains", () => {
    expect(parseObjectAddress("http://b-1250000000.cos.ap-beijing.myqcloud.com/x/%20y.png")).toEqual({
      bucket: "b-1250000000",
      region: "ap-beijing",
      key: "x/ y.png",
    });
    expect(parseObjectAddress("https://example.com/x.png")).toBeUndefined();
    expect(parseObjectAddress("https://b-1250000000.cos.ap-beijing.myqcloud.com/")).toBeUndefined();
    expect(parseObjectAddress("https://b-1250000000.cos.ap-beijing.myqcloud.com/x.png?v=1")).toBeUndefined();
  });
});
