import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseListBucketResult, parseXmlDocument, REPEATED_ELEMENTS } from "../../../electron/cos/xml";
import { readListingEntries } from "../../../electron/cos/xml-listing";
import { scanXml } from "../../../electron/cos/xml-scan";

/** The scanner must read every listing and upload answer COS writes exactly as fast-xml-parser does. */

type Quotes = "named" | "numeric" | "raw";

function escapeText(text: string, quotes: Quotes): string {
  const basic = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  if (quotes === "raw") return basic;
  if (quotes === "numeric") return basic.replace(/"/g, "&#34;").replace(/'/g, "&#39;");
  return basic.replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

interface Listing {
  name: string;
  prefix: string;
  marker: string;
  delimiter: string | undefined;
  encodingType: boolean;
  nextMarker: string | undefined;
  truncated: boolean;
  contents: { key: string; size: number; etag: string; storageClass: string }[];
  commonPrefixes: string[];
  quotes: Quotes;
  indent: boolean;
  selfClosingEmpty: boolean;
}

/** Keys and prefixes: printable text with XML's special characters, spaces, CJK, astral and line feeds. */
const keyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom("&", "<", ">", '"', "'", " ", "/", "\n", "\t", "%", ";", "#", "中", "é", "😀", "&amp;"),
    fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }),
  ),
  maxLength: 24,
});

const listing: fc.Arbitrary<Listing> = fc.record({
  name: fc.constantFrom("photos-1250000000", "b-1"),
  prefix: fc.oneof(fc.constant(""), keyText),
  marker: fc.oneof(fc.constant(""), keyText),
  delimiter: fc.option(fc.constantFrom("/", "-", "&"), { nil: undefined }),
  encodingType: fc.boolean(),
  nextMarker: fc.option(keyText, { nil: undefined }),
  truncated: fc.boolean(),
  contents: fc.array(
    fc.record({
      key: keyText,
      size: fc.nat(),
      etag: fc.stringMatching(/^[0-9a-f]{32}(-[0-9]{1,3})?$/),
      storageClass: fc.constantFrom("STANDARD", "STANDARD_IA", "ARCHIVE"),
    }),
    { maxLength: 8 },
  ),
  commonPrefixes: fc.array(fc.oneof(fc.constant(""), keyText), { maxLength: 4 }),
  quotes: fc.constantFrom<Quotes>("named", "numeric", "raw"),
  indent: fc.boolean(),
  selfClosingEmpty: fc.boolean(),
});

function listingXml(l: Listing): string {
  const gap = l.indent ? "\n    " : "";
  const leaf = (name: string, value: string) =>
    value === "" && l.selfClosingEmpty ? `<${name}/>` : `<${name}>${escapeText(value, l.quotes)}</${name}>`;
  const parts = [
    leaf("Name", l.name),
    l.encodingType ? leaf("EncodingType", "url") : "",
    leaf("Prefix", l.prefix),
    leaf("Marker", l.marker),
    leaf("MaxKeys", "1000"),
    l.delimiter === undefined ? "" : leaf("Delimiter", l.delimiter),
    leaf("IsTruncated", String(l.truncated)),
    l.nextMarker === undefined ? "" : leaf("NextMarker", l.nextMarker),
    ...l.contents.map(
      (item) =>
        `<Contents>${gap}${leaf("Key", item.key)}${gap}${leaf("LastModified", "2026-12-03T02:00:00.000Z")}` +
        `${gap}${leaf("ETag", `"${item.etag}"`)}${gap}${leaf("Size", String(item.size))}` +
        `${gap}<Owner><ID>1250000000</ID><DisplayName>1250000000</DisplayName></Owner>` +
        `${gap}${leaf("StorageClass", item.storageClass)}</Contents>`,
    ),
    ...l.commonPrefixes.map((prefix) => `<CommonPrefixes>${leaf("Prefix", prefix)}</CommonPrefixes>`),
  ].filter((part) => part !== "");
  return (
    `<?xml version='1.0' encoding='utf-8' ?>\n<ListBucketResult xmlns="http://www.qcloud.com/document/product/436/7751">` +
    `${gap}${parts.join(gap)}${l.indent ? "\n" : ""}</ListBucketResult>`
  );
}

/** fast-xml-parser's tree without the `#text` it keeps for whitespace between elements, which nothing reads. */
function withoutWhitespaceText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutWhitespaceText);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([name]) => name !== "#text")
      .map(([name, child]) => [name, withoutWhitespaceText(child)]),
  );
}

describe("scanXml on listings", () => {
  it("builds the tree fast-xml-parser builds for every generated COS listing", () => {
    fc.assert(
      fc.property(listing, (l) => {
        const xml = listingXml(l);
        expect(scanXml(xml, REPEATED_ELEMENTS)).toEqual(withoutWhitespaceText(parseXmlDocument(xml)));
      }),
      { numRuns: 500 },
    );
  });

  it("reads a listing with a comment or CDATA through the general parser, unchanged", () => {
    const plain =
      "<ListBucketResult><Name>b-1</Name><Prefix></Prefix><IsTruncated>false</IsTruncated>" +
      "<Contents><Key>a&amp;b.jpg</Key><Size>3</Size></Contents></ListBucketResult>";
    const withComment = plain.replace("<Name>", "<!-- listed --><Name>");
    const withCdata = plain.replace("a&amp;b.jpg", "<![CDATA[a&b.jpg]]>");
    expect(scanXml(withComment, REPEATED_ELEMENTS)).toBeUndefined();
    expect(scanXml(withCdata, REPEATED_ELEMENTS)).toBeUndefined();
    expect(parseListBucketResult(withComment)).toEqual(parseListBucketResult(plain));
    expect(parseListBucketResult(withCdata).contents[0]?.key).toBe("a&b.jpg");
  });

  it("leaves a document that is not well-formed to the general parser", () => {
    for (const broken of [
      "<ListBucketResult><Name>b-1</Prefix></ListBucketResult>",
      "<ListBucketResult><Name>b-1</Name>",
      "<ListBucketResult><Name>a & b</Name></ListBucketResult>",
    ]) {
      expect(scanXml(broken, REPEATED_ELEMENTS)).toBeUndefined();
    }
  });
});

/** The same listing with a comment in its first entry, which sends the whole page the general way. */
function withCommentInFirstEntry(xml: string): string {
  return xml.replace(/<(Contents|CommonPrefixes)>/, "<$1><!-- read the general way -->");
}

/** The page read, or the error that refused it (a generated key may not be percent-encoded). */
function listingOutcome(xml: string): unknown {
  try {
    return parseListBucketResult(xml);
  } catch (error) {
    return error;
  }
}

describe("parseListBucketResult's entry reader", () => {
  it("reads every generated COS listing as the scanner and the general parser do", () => {
    fc.assert(
      fc.property(listing, (l) => {
        const xml = listingXml(l);
        const general = withCommentInFirstEntry(xml);
        expect(readListingEntries(general)?.contents.length ?? 0).toBe(0);
        expect(listingOutcome(xml)).toEqual(listingOutcome(general));
      }),
      { numRuns: 500 },
    );
  });

  it("reads the entries itself whenever they are written as COS writes them", () => {
    fc.assert(
      fc.property(listing, (l) => {
        fc.pre(!l.selfClosingEmpty);
        const entries = readListingEntries(listingXml(l));
        expect(entries?.contents.map((item) => item.etag)).toEqual(
          l.contents.map((item) => `"${item.etag}"`),
        );
        expect(entries?.commonPrefixes).toHaveLength(l.commonPrefixes.length);
        expect(entries?.shell).not.toMatch(/<Contents>|<CommonPrefixes>/);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves entries with an element COS does not write, or out of COS's order, to the general reader", () => {
    const page = (entry: string) =>
      `<ListBucketResult><Name>b-1</Name><IsTruncated>false</IsTruncated>${entry}</ListBucketResult>`;
    for (const entry of [
      "<Contents><Key>a.jpg</Key><Type>Appendable</Type><Size>3</Size></Contents>",
      "<Contents><Size>3</Size><Key>a.jpg</Key></Contents>",
      '<Contents><Key kind="x">a.jpg</Key><Size>3</Size></Contents>',
      "<Contents><Key>a.jpg</Key><Key>b.jpg</Key></Contents>",
    ]) {
      expect(readListingEntries(page(entry))).toBeUndefined();
      expect(parseListBucketResult(page(entry)).contents).toHaveLength(1);
    }
    expect(
      parseListBucketResult(page("<Contents><Size>3</Size><Key>a.jpg</Key></Contents>")).contents[0],
    ).toEqual({
      key: "a.jpg",
      lastModified: "",
      etag: "",
      size: 3,
      storageClass: undefined,
    });
  });
});

interface UploadAnswer {
  key: string;
  imageInfo: { format: string; width: number; ave: string; orientation: number | undefined } | undefined;
  outputs: { key: string; width: number; size: number; quality: number }[];
  quotes: Quotes;
  indent: boolean;
}

const uploadAnswer: fc.Arbitrary<UploadAnswer> = fc.record({
  key: keyText,
  imageInfo: fc.option(
    fc.record({
      format: fc.constantFrom("JPEG", "PNG", "WEBP", "GIF"),
      width: fc.nat(),
      ave: fc.stringMatching(/^0x[0-9a-f]{6}$/),
      orientation: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
    }),
    { nil: undefined },
  ),
  outputs: fc.array(
    fc.record({ key: keyText, width: fc.nat(), size: fc.nat(), quality: fc.integer({ min: 0, max: 100 }) }),
    { maxLength: 5 },
  ),
  quotes: fc.constantFrom<Quotes>("named", "numeric", "raw"),
  indent: fc.boolean(),
});

/** An UploadResult laid out as COS writes one (reference §5.3). */
function uploadResultXml(u: UploadAnswer): string {
  const gap = u.indent ? "\n  " : "";
  const leaf = (name: string, value: string) => `<${name}>${escapeText(value, u.quotes)}</${name}>`;
  const location = (key: string) => leaf("Location", `b-1250000000.cos.ap-guangzhou.myqcloud.com/${key}`);
  const info = u.imageInfo
    ? `<ImageInfo>${leaf("Format", u.imageInfo.format)}${leaf("Width", String(u.imageInfo.width))}` +
      `${leaf("Height", "99")}${leaf("Quality", "100")}${leaf("Ave", u.imageInfo.ave)}` +
      `${u.imageInfo.orientation === undefined ? "" : leaf("Orientation", String(u.imageInfo.orientation))}</ImageInfo>`
    : "";
  const outputs = u.outputs.map(
    (output) =>
      `<Object>${gap}${leaf("Key", output.key)}${gap}${location(output.key)}${gap}${leaf("Format", "WEBP")}` +
      `${gap}${leaf("Width", String(output.width))}${gap}${leaf("Height", "99")}${gap}${leaf("Size", String(output.size))}` +
      `${gap}${leaf("Quality", String(output.quality))}${gap}${leaf("ETag", '"8894dbe5e3ebfaf761e39b9d619c28f3"')}</Object>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<UploadResult>${gap}<OriginalInfo>${gap}${leaf("Key", u.key)}` +
    `${gap}${location(u.key)}${gap}${info}${gap}${leaf("ETag", '"0123456789abcdef0123456789abcdef"')}</OriginalInfo>` +
    `${gap}<ProcessResults>${outputs.join(gap)}</ProcessResults>${u.indent ? "\n" : ""}</UploadResult>`
  );
}

describe("scanXml on upload answers", () => {
  it("builds the tree fast-xml-parser builds for every generated UploadResult", () => {
    fc.assert(
      fc.property(uploadAnswer, (u) => {
        const xml = uploadResultXml(u);
        expect(scanXml(xml, REPEATED_ELEMENTS)).toEqual(withoutWhitespaceText(parseXmlDocument(xml)));
      }),
      { numRuns: 500 },
    );
  });
});
