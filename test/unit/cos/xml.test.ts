import { describe, expect, it } from "vitest";
import { cosErrorFromResponse } from "../../../electron/cos/cos-error";
import {
  deleteRequestXml,
  parseDeleteResult,
  parseErrorBody,
  parseListBucketResult,
  parseStyleList,
  parseUploadResult,
  peekListingNextMarker,
  styleRequestXml,
} from "../../../electron/cos/xml";

// Reference §5.3 (cos-go-sdk-v5 ci_test.go), as COS sends it.
const ORIGINAL_INFO = `<OriginalInfo>
    <Key>test.jpg</Key>
    <Location>example-1250000000.cos.ap-guangzhou.myqcloud.com/test.jpg</Location>
    <ImageInfo><Format>PNG</Format><Width>103</Width><Height>99</Height><Quality>100</Quality><Ave>0xa08162</Ave><Orientation>0</Orientation></ImageInfo>
    <ETag>&quot;8894dbe5e3ebfaf761e39b9d619c28f3327b8d85&quot;</ETag>
  </OriginalInfo>`;

const formatObject = (key: string, width: number, size: number) =>
  `<Object><Key>${key}</Key><Location>example-1250000000.cos.ap-guangzhou.myqcloud.com/${key}</Location><Format>PNG</Format><Width>${width}</Width><Height>99</Height><Size>${size}</Size><Quality>100</Quality><ETag>&quot;8894dbe5e3ebfaf761e39b9d619c28f3327b8d85&quot;</ETag></Object>`;

describe("parseUploadResult", () => {
  it("maps one Object to a one-element array with numbers and quoted ETags", () => {
    const result = parseUploadResult(
      `<UploadResult>\n  ${ORIGINAL_INFO}\n  <ProcessResults>\n    ${formatObject("format.jpg", 103, 21351)}\n  </ProcessResults>\n</UploadResult>`,
    );
    expect(result).toEqual({
      originalInfo: {
        key: "test.jpg",
        location: "example-1250000000.cos.ap-guangzhou.myqcloud.com/test.jpg",
        etag: '"8894dbe5e3ebfaf761e39b9d619c28f3327b8d85"',
        imageInfo: { format: "PNG", width: 103, height: 99, quality: 100, ave: "0xa08162", orientation: 0 },
      },
      processResults: [
        {
          key: "format.jpg",
          location: "example-1250000000.cos.ap-guangzhou.myqcloud.com/format.jpg",
          format: "PNG",
          width: 103,
          height: 99,
          size: 21351,
          quality: 100,
          etag: '"8894dbe5e3ebfaf761e39b9d619c28f3327b8d85"',
        },
      ],
    });
  });

  it("keeps two Objects in order", () => {
    const result = parseUploadResult(
      `<UploadResult>${ORIGINAL_INFO}<ProcessResults>${formatObject("a.png", 50, 10)}${formatObject("b.png", 20, 5)}</ProcessResults></UploadResult>`,
    );
    expect(result.processResults.map((object) => [object.key, object.width, object.size])).toEqual([
      ["a.png", 50, 10],
      ["b.png", 20, 5],
    ]);
  });

  it("leaves imageInfo out when is_pic_info was 0, and gives an empty array without results", () => {
    const result = parseUploadResult(
      "<UploadResult><OriginalInfo><Key>a.jpg</Key><Location>h/a.jpg</Location><ETag>&quot;x&quot;</ETag></OriginalInfo></UploadResult>",
    );
    expect(result.originalInfo.imageInfo).toBeUndefined();
    expect(result.processResults).toEqual([]);
  });

  it("refuses a result whose numbers are not numbers, with a code", () => {
    expect(() =>
      parseUploadResult(
        `<UploadResult>${ORIGINAL_INFO}<ProcessResults>${formatObject("a.png", 50, 10).replace("<Width>50", "<Width>wide")}</ProcessResults></UploadResult>`,
      ),
    ).toThrow(expect.objectContaining({ code: "malformed-response" }));
    expect(() => parseUploadResult("<Error><Code>x</Code></Error>")).toThrow(
      expect.objectContaining({ code: "malformed-response" }),
    );
  });
});

// Shaped like cos-go-sdk-v5 bucket_test.go's fixture.
const LIST_XML = `<?xml version='1.0' encoding='utf-8' ?>
<ListBucketResult>
  <Name>test-1253846586</Name>
  <Prefix></Prefix>
  <Marker/>
  <MaxKeys>1000</MaxKeys>
  <Delimiter>/</Delimiter>
  <IsTruncated>true</IsTruncated>
  <NextMarker>photos/</NextMarker>
  <Contents>
    <Key> spaced key.jpg </Key>
    <LastModified>2017-06-23T12:33:26.000Z</LastModified>
    <ETag>&quot;79f2a852fac7e826c9f4dbe037f8a63b&quot;</ETag>
    <Size>10</Size>
    <Owner><ID>1253846586</ID><DisplayName>1253846586</DisplayName></Owner>
    <StorageClass>STANDARD</StorageClass>
  </Contents>
  <Contents>
    <Key>folder/</Key>
    <LastModified>2017-06-23T12:33:27.000Z</LastModified>
    <ETag>&quot;&quot;</ETag>
    <Size>0</Size>
    <StorageClass>STANDARD_IA</StorageClass>
  </Contents>
  <CommonPrefixes><Prefix>photos/</Prefix></CommonPrefixes>
</ListBucketResult>`;

describe("parseListBucketResult", () => {
  it("maps Contents, CommonPrefixes, markers and truncation", () => {
    const page = parseListBucketResult(LIST_XML);
    expect(page).toMatchObject({
      name: "test-1253846586",
      prefix: "",
      marker: "",
      nextMarker: "photos/",
      delimiter: "/",
      maxKeys: 1000,
      isTruncated: true,
      commonPrefixes: ["photos/"],
    });
    expect(page.contents).toEqual([
      {
        key: " spaced key.jpg ",
        lastModified: "2017-06-23T12:33:26.000Z",
        etag: '"79f2a852fac7e826c9f4dbe037f8a63b"',
        size: 10,
        storageClass: "STANDARD",
      },
      {
        key: "folder/",
        lastModified: "2017-06-23T12:33:27.000Z",
        etag: '""',
        size: 0,
        storageClass: "STANDARD_IA",
      },
    ]);
  });

  it("decodes names when EncodingType is url, and only then", () => {
    const xml = `<ListBucketResult><Name>b-1</Name><Prefix>a%2Bb%2F</Prefix><Marker></Marker><MaxKeys>2</MaxKeys><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated><Contents><Key>a%2Bb%2F%E4%B8%AD%20x%25.jpg</Key><Size>1</Size></Contents><CommonPrefixes><Prefix>a%2Bb%2Fsub%2F</Prefix></CommonPrefixes></ListBucketResult>`;
    const page = parseListBucketResult(xml);
    expect(page.prefix).toBe("a+b/");
    expect(page.contents[0]?.key).toBe("a+b/中 x%.jpg");
    expect(page.commonPrefixes).toEqual(["a+b/sub/"]);
    expect(page.isTruncated).toBe(false);
    expect(parseListBucketResult(xml.replace("<EncodingType>url</EncodingType>", "")).contents[0]?.key).toBe(
      "a%2Bb%2F%E4%B8%AD%20x%25.jpg",
    );
  });

  it("keeps names with nothing to decode as they are, beside encoded ones, and refuses a broken escape", () => {
    const listing = (key: string) =>
      `<ListBucketResult><Name>b-1</Name><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated><Contents><Key>photos/a b+c.jpg</Key><Size>1</Size></Contents><Contents><Key>${key}</Key><Size>2</Size></Contents></ListBucketResult>`;
    expect(parseListBucketResult(listing("photos/%E4%B8%AD.jpg")).contents.map((item) => item.key)).toEqual([
      "photos/a b+c.jpg",
      "photos/中.jpg",
    ]);
    expect(() => parseListBucketResult(listing("photos/%E4%B8.jpg"))).toThrow(
      expect.objectContaining({ code: "malformed-response" }),
    );
  });

  it("lists an empty bucket as no contents", () => {
    const page = parseListBucketResult(
      "<ListBucketResult><Name>b-1</Name><IsTruncated>false</IsTruncated></ListBucketResult>",
    );
    expect(page.contents).toEqual([]);
    expect(page.commonPrefixes).toEqual([]);
  });
});

describe("peekListingNextMarker", () => {
  const listing = (head: string, tail = "") =>
    `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b-1250000000</Name><EncodingType>url</EncodingType>${head}` +
    `<Contents><Key>shoot%2Fa.jpg</Key><Size>1</Size></Contents><CommonPrefixes><Prefix>shoot%2Fsub%2F</Prefix></CommonPrefixes>${tail}</ListBucketResult>`;

  it("reads the marker from the elements before the entries, decoded as the full parse decodes it", () => {
    const xml = listing("<IsTruncated>true</IsTruncated><NextMarker>shoot%2Fa%20%26%20b.jpg</NextMarker>");
    expect(peekListingNextMarker(xml)).toBe("shoot/a & b.jpg");
    expect(peekListingNextMarker(xml)).toBe(parseListBucketResult(xml).nextMarker);
  });

  it("reads none from a complete listing, nor from one whose marker comes after its entries", () => {
    expect(peekListingNextMarker(listing("<IsTruncated>false</IsTruncated>"))).toBeUndefined();
    const late = listing("<IsTruncated>true</IsTruncated>", "<NextMarker>shoot%2Fa.jpg</NextMarker>");
    expect(peekListingNextMarker(late)).toBeUndefined();
    expect(parseListBucketResult(late).nextMarker).toBe("shoot/a.jpg");
  });
});

describe("DeleteResult", () => {
  it("maps Deleted and Error entries, one or many", () => {
    const result = parseDeleteResult(
      "<DeleteResult><Deleted><Key>a.jpg</Key></Deleted><Deleted><Key>b &amp; c.jpg</Key></Deleted><Error><Key>d.jpg</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error></DeleteResult>",
    );
    expect(result).toEqual({
      deleted: ["a.jpg", "b & c.jpg"],
      errors: [{ key: "d.jpg", code: "AccessDenied", message: "Access Denied" }],
    });
  });

  it("builds the request body with escaped keys", () => {
    expect(deleteRequestXml(["a.jpg", "x<&>.png"], false)).toBe(
      "<Delete><Quiet>false</Quiet><Object><Key>a.jpg</Key></Object><Object><Key>x&#60;&#38;&#62;.png</Key></Object></Delete>",
    );
  });
});

describe("styles", () => {
  it("maps a StyleList (Go ci_test.go shape)", () => {
    expect(
      parseStyleList(
        "<StyleList><StyleRule><StyleName>style1</StyleName><StyleBody>imageMogr2/thumbnail/!50px</StyleBody></StyleRule><StyleRule><StyleName>style2</StyleName><StyleBody>imageMogr2/thumbnail/!20p</StyleBody></StyleRule></StyleList>",
      ),
    ).toEqual([
      { name: "style1", body: "imageMogr2/thumbnail/!50px" },
      { name: "style2", body: "imageMogr2/thumbnail/!20p" },
    ]);
    expect(parseStyleList("<StyleList/>")).toEqual([]);
  });

  it("builds the AddStyle body exactly as the Go SDK", () => {
    expect(styleRequestXml("AddStyle", "style1", "imageMogr2/thumbnail/!50px")).toBe(
      "<AddStyle><StyleName>style1</StyleName><StyleBody>imageMogr2/thumbnail/!50px</StyleBody></AddStyle>",
    );
  });
});

describe("errors", () => {
  const ERROR_XML = `<?xml version='1.0' encoding='utf-8' ?>
<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Resource>examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/a.jpg</Resource><RequestId>NjQ1</RequestId><TraceId>OGVm</TraceId></Error>`;

  it("reads every field of COS's Error XML", () => {
    expect(parseErrorBody(ERROR_XML)).toEqual({
      code: "NoSuchKey",
      message: "The specified key does not exist.",
      resource: "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/a.jpg",
      requestId: "NjQ1",
      traceId: "OGVm",
      serverTime: undefined,
    });
  });

  it("turns an error answer into a CosError with COS's code and the request id header", () => {
    const error = cosErrorFromResponse(404, { "x-cos-request-id": "from-header" }, ERROR_XML);
    expect(error).toMatchObject({
      code: "NoSuchKey",
      status: 404,
      requestId: "from-header",
      resource: "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/a.jpg",
      traceId: "OGVm",
    });
    expect(error.toAppError()).toEqual({
      code: "NoSuchKey",
      message: "The specified key does not exist.",
      status: 404,
      requestId: "from-header",
    });
  });

  it("takes the sentence the Local bucket names in x-picops-message; the message stays as sent", () => {
    const sentence = { messageId: "format-tencent-only", values: { format: "tpg" } } as const;
    const error = cosErrorFromResponse(
      501,
      { "x-picops-message": encodeURIComponent(JSON.stringify(sentence)) },
      ERROR_XML,
    );
    expect(error.toAppError()).toMatchObject({
      code: "NoSuchKey",
      message: "The specified key does not exist.",
      ...sentence,
    });
    for (const junk of ["%E0%A4%A", "{}", encodeURIComponent('{"messageId":"no-such-sentence"}')]) {
      const plain = cosErrorFromResponse(501, { "x-picops-message": junk }, ERROR_XML).toAppError();
      expect(plain.messageId).toBeUndefined();
    }
  });

  it("names bodiless HEAD errors from the status", () => {
    expect(cosErrorFromResponse(404, {}, "").code).toBe("NoSuchKey");
    expect(cosErrorFromResponse(403, {}, "").code).toBe("AccessDenied");
    expect(cosErrorFromResponse(412, {}, "").code).toBe("PreconditionFailed");
    expect(cosErrorFromResponse(503, {}, "").code).toBe("ServiceUnavailable");
    expect(cosErrorFromResponse(418, {}, "").code).toBe("UnexpectedResponse");
  });

  it("surfaces X-ErrNo of a download-time failure", () => {
    const error = cosErrorFromResponse(
      400,
      { "x-errno": "-441" },
      "<Error><Code>InvalidImageFormat</Code><Message>bad image</Message></Error>",
    );
    expect(error.errNo).toBe(-441);
    expect(error.code).toBe("InvalidImageFormat");
    expect(error.message).toContain("cannot be processed");
  });

  it("recognises clock skew by code or by COS's expired message, and keeps ServerTime", () => {
    const skewed = cosErrorFromResponse(
      403,
      {},
      "<Error><Code>RequestTimeTooSkewed</Code><Message>skewed</Message><ServerTime>2030-01-01T00:00:00Z</ServerTime></Error>",
    );
    expect(skewed.isClockSkew).toBe(true);
    expect(skewed.serverTime).toBe("2030-01-01T00:00:00Z");
    const expired = cosErrorFromResponse(
      403,
      { date: "Tue, 01 Jan 2030 00:00:00 GMT" },
      "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
    );
    expect(expired.isClockSkew).toBe(true);
    expect(expired.serverTime).toBe("Tue, 01 Jan 2030 00:00:00 GMT");
    expect(cosErrorFromResponse(403, {}, "").isClockSkew).toBe(false);
  });
});
