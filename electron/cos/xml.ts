import { XMLParser } from "fast-xml-parser";
import { type UploadResult, UploadResultSchema } from "../../shared/cos/image-info";
import type { ErrorMessageId, MessageValues } from "../../shared/error-messages";
import { PicopsError } from "../../shared/errors";
import { type ListingEntry, readListingEntries } from "./xml-listing";
import { scanXml, type XmlNode } from "./xml-scan";

/**
 * COS's XML bodies (reference §3–§5, §7.6) mapped to typed values and back. Repeated
 * elements are always arrays and numbers are numbers, whatever one response happened to
 * hold (§5.4), so callers never meet the one-object-or-many shapes the SDKs return.
 */

/** Elements that may repeat, by their path from the root. */
export const REPEATED_ELEMENTS: ReadonlySet<string> = new Set([
  "UploadResult.ProcessResults.Object",
  "ListBucketResult.Contents",
  "ListBucketResult.CommonPrefixes",
  "DeleteResult.Deleted",
  "DeleteResult.Error",
  "StyleList.StyleRule",
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  // Keys may begin or end with spaces: values are kept verbatim, numbers parsed by us.
  parseTagValue: false,
  trimValues: false,
  // Decodes numeric references (`&#39;`) as well as the five XML entities.
  htmlEntities: true,
  isArray: (_name, jpath) => REPEATED_ELEMENTS.has(String(jpath)),
});

export type { XmlNode };

function malformed(messageId: ErrorMessageId, values: MessageValues): PicopsError {
  return new PicopsError("malformed-response", messageId, values);
}

/** Any COS document through the general parser (throws when it is not well-formed). */
export function parseXmlDocument(xml: string): unknown {
  return parser.parse(xml);
}

function parseRoot(xml: string, root: string, scan = false): XmlNode {
  let document: unknown = scan ? scanXml(xml, REPEATED_ELEMENTS) : undefined;
  try {
    document ??= parseXmlDocument(xml);
  } catch {
    throw malformed("xml-not-well-formed", { root });
  }
  const node = (document as XmlNode | undefined)?.[root];
  // `<Root/>` parses to "", an element with children to an object.
  if (node === "") return {};
  if (typeof node !== "object" || node === null) throw malformed("xml-root-missing", { root });
  return node as XmlNode;
}

export function child(node: XmlNode, name: string): XmlNode {
  const value = node[name];
  return typeof value === "object" && value !== null ? (value as XmlNode) : {};
}

export function text(node: XmlNode, name: string): string | undefined {
  const value = node[name];
  return typeof value === "string" ? value : undefined;
}

function int(node: XmlNode, name: string): number | undefined {
  return integer(text(node, name));
}

function integer(text: string | undefined): number | undefined {
  const value = text?.trim();
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}

function children(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  if (!Array.isArray(value)) return [];
  // `<Deleted/>` parses to "": treat it as an element with no children.
  return value.map((item) => (typeof item === "object" && item !== null ? (item as XmlNode) : {}));
}

/** `<UploadResult>` of a PUT with Pic-Operations or a POST ?image_process (§5.3). */
export function parseUploadResult(xml: string): UploadResult {
  // Every upload with rules is answered by one: the scanner reads it in a tenth of the general parser's time.
  const root = parseRoot(xml, "UploadResult", true);
  const original = child(root, "OriginalInfo");
  const imageInfo = original.ImageInfo === undefined ? undefined : child(original, "ImageInfo");
  const candidate = {
    originalInfo: {
      key: text(original, "Key"),
      location: text(original, "Location"),
      etag: text(original, "ETag"),
      imageInfo: imageInfo && {
        format: text(imageInfo, "Format"),
        width: int(imageInfo, "Width"),
        height: int(imageInfo, "Height"),
        quality: int(imageInfo, "Quality"),
        ave: text(imageInfo, "Ave"),
        // COS leaves Orientation out for images without EXIF.
        orientation: int(imageInfo, "Orientation") ?? 0,
      },
    },
    processResults: children(child(root, "ProcessResults"), "Object").map((object) => ({
      key: text(object, "Key"),
      location: text(object, "Location"),
      format: text(object, "Format"),
      width: int(object, "Width"),
      height: int(object, "Height"),
      size: int(object, "Size"),
      quality: int(object, "Quality"),
      etag: text(object, "ETag"),
    })),
  };
  const parsed = UploadResultSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformed("xml-field-unreadable", { root: "UploadResult", field: issue?.path.join(".") ?? "" });
  }
  return parsed.data;
}

export interface ListedObject {
  key: string;
  /** ISO 8601 with milliseconds, as COS sends it. */
  lastModified: string;
  /** Quoted MD5 (or `""` for folder markers). */
  etag: string;
  size: number;
  storageClass: string | undefined;
}

/** One page of GET Bucket (List Objects v1). */
export interface ListBucketResult {
  name: string;
  prefix: string;
  marker: string;
  /** Where the next page starts; COS sends it only with a delimiter, so the client fills it in. */
  nextMarker: string | undefined;
  delimiter: string | undefined;
  maxKeys: number;
  isTruncated: boolean;
  contents: ListedObject[];
  commonPrefixes: string[];
}

/** `<ListBucketResult>`; with `EncodingType` `url`, names are percent-decoded (§3). */
export function parseListBucketResult(xml: string): ListBucketResult {
  // Listings are the long documents (1,000 objects a page): their entries are read apart, the
  // rest by the scanner, and anything unusual by the general parser.
  const entries = readListingEntries(xml);
  const root = parseRoot(entries?.shell ?? xml, "ListBucketResult", true);
  const urlEncoded = text(root, "EncodingType")?.trim().toLowerCase() === "url";
  const name = (value: string | undefined): string => {
    if (value === undefined || !urlEncoded) return value ?? "";
    // Most names need no decoding; a check is far cheaper than the call on a 1,000-key page.
    if (!value.includes("%")) return value;
    try {
      return decodeURIComponent(value);
    } catch {
      throw malformed("xml-key-not-encoded", { root: "ListBucketResult", value });
    }
  };
  const optional = (value: string | undefined) =>
    value === undefined || value === "" ? undefined : name(value);
  return {
    name: text(root, "Name") ?? "",
    prefix: name(text(root, "Prefix")),
    marker: name(text(root, "Marker")),
    nextMarker: optional(text(root, "NextMarker")),
    delimiter: optional(text(root, "Delimiter")),
    maxKeys: int(root, "MaxKeys") ?? 1000,
    isTruncated: text(root, "IsTruncated")?.trim() === "true",
    contents: (entries?.contents ?? children(root, "Contents").map(listingEntry)).map((item) => ({
      key: name(item.key),
      lastModified: item.lastModified ?? "",
      etag: item.etag ?? "",
      size: integer(item.size) ?? 0,
      storageClass: item.storageClass,
    })),
    commonPrefixes: (
      entries?.commonPrefixes ?? children(root, "CommonPrefixes").map((item) => text(item, "Prefix"))
    ).map(name),
  };
}

function listingEntry(item: XmlNode): ListingEntry {
  return {
    key: text(item, "Key"),
    lastModified: text(item, "LastModified"),
    etag: text(item, "ETag"),
    size: text(item, "Size"),
    storageClass: text(item, "StorageClass"),
  };
}

/**
 * A listing's NextMarker read from the elements before its first entry, where COS and the
 * Local bucket put it, without parsing the thousand entries after it: enough to ask for the
 * next page at once. Undefined when the listing is complete, the marker comes later, or the
 * head does not read as a listing (the full parse then decides).
 */
export function peekListingNextMarker(xml: string): string | undefined {
  const entries = [xml.indexOf("<Contents>"), xml.indexOf("<CommonPrefixes>")].filter((at) => at !== -1);
  if (entries.length === 0) return undefined;
  try {
    const head = parseListBucketResult(`${xml.slice(0, Math.min(...entries))}</ListBucketResult>`);
    return head.isTruncated ? head.nextMarker : undefined;
  } catch {
    return undefined;
  }
}

export interface DeleteResult {
  deleted: string[];
  errors: { key: string; code: string; message: string }[];
}

/** `<DeleteResult>` of POST ?delete. */
export function parseDeleteResult(xml: string): DeleteResult {
  const root = parseRoot(xml, "DeleteResult");
  return {
    deleted: children(root, "Deleted").map((item) => text(item, "Key") ?? ""),
    errors: children(root, "Error").map((item) => ({
      key: text(item, "Key") ?? "",
      code: text(item, "Code") ?? "",
      message: text(item, "Message") ?? "",
    })),
  };
}

/** A named processing rule stored on the bucket (§7.6), used as `style/<name>`. */
export interface ImageStyle {
  name: string;
  body: string;
}

/** `<StyleList>` of GET ?style. */
export function parseStyleList(xml: string): ImageStyle[] {
  const root = parseRoot(xml, "StyleList");
  return children(root, "StyleRule").map((rule) => ({
    name: text(rule, "StyleName") ?? "",
    body: text(rule, "StyleBody") ?? "",
  }));
}

/** The fields of an `<Error>` body (§4). */
export interface ErrorBody {
  code: string;
  message: string;
  resource: string | undefined;
  requestId: string | undefined;
  traceId: string | undefined;
  serverTime: string | undefined;
}

/** Reads an `<Error>` body; undefined when the body is empty or not COS's error XML. */
export function parseErrorBody(xml: string): ErrorBody | undefined {
  if (!xml.includes("<Error")) return undefined;
  let root: XmlNode;
  try {
    root = parseRoot(xml, "Error");
  } catch {
    return undefined;
  }
  const code = text(root, "Code")?.trim();
  if (!code) return undefined;
  return {
    code,
    message: text(root, "Message") ?? "",
    resource: text(root, "Resource"),
    requestId: text(root, "RequestId"),
    traceId: text(root, "TraceId"),
    serverTime: text(root, "ServerTime"),
  };
}

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Body of POST ?delete: `<Delete><Quiet>…</Quiet><Object><Key>…</Key></Object>…</Delete>`. */
export function deleteRequestXml(keys: readonly string[], quiet: boolean): string {
  const objects = keys.map((key) => `<Object><Key>${escapeXml(key)}</Key></Object>`).join("");
  return `<Delete><Quiet>${quiet}</Quiet>${objects}</Delete>`;
}

/** Bodies of the style API: `<AddStyle>`, `<GetStyle>`, `<DeleteStyle>` (§7.6). */
export function styleRequestXml(
  root: "AddStyle" | "GetStyle" | "DeleteStyle",
  name: string,
  styleBody?: string,
): string {
  const body = styleBody === undefined ? "" : `<StyleBody>${escapeXml(styleBody)}</StyleBody>`;
  return `<${root}><StyleName>${escapeXml(name)}</StyleName>${body}</${root}>`;
}
