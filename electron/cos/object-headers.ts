import type { PutObjectOptions } from "../../shared/cos/put-object-options";

/**
 * PutObject options to request headers, and response headers to object metadata
 * (reference §3). Pure: the client decides when to send them.
 */

const METADATA_PREFIX = "x-cos-meta-";

/** Image types by key extension: COS stores what we send, and browsers need a real type. */
const CONTENT_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  bmp: "image/bmp",
  avif: "image/avif",
  heic: "image/heic",
  heif: "image/heif",
  svg: "image/svg+xml",
  json: "application/json",
  txt: "text/plain",
};

export function contentTypeForKey(key: string): string {
  const extension = /\.([^./]+)$/.exec(key)?.[1]?.toLowerCase() ?? "";
  return CONTENT_TYPES[extension] ?? "application/octet-stream";
}

/**
 * Headers for PutObject. Content-Length and Content-MD5 are the client's to set: it knows
 * the body.
 */
export function putObjectHeaders(key: string, options: PutObjectOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? contentTypeForKey(key),
  };
  const set = (name: string, value: string | number | undefined) => {
    if (value !== undefined) headers[name] = String(value);
  };
  set("x-cos-acl", options.acl);
  set("x-cos-grant-full-control", options.grantFullControl);
  set("x-cos-grant-read", options.grantRead);
  set("x-cos-storage-class", options.storageClass);
  set("expires", options.expires);
  set("cache-control", options.cacheControl);
  set("content-disposition", options.contentDisposition);
  set("content-encoding", options.contentEncoding);
  set("content-language", options.contentLanguage);
  set("content-md5", options.contentMd5);
  set("x-cos-traffic-limit", options.trafficLimit);
  for (const [name, value] of Object.entries(options.metadata ?? {})) {
    headers[`${METADATA_PREFIX}${name.toLowerCase()}`] = value;
  }
  return headers;
}

/** What HEAD (and GET) report about an object. */
export interface ObjectMetadata {
  contentLength: number;
  contentType: string | undefined;
  /** Quoted, as COS sends it. */
  etag: string | undefined;
  lastModified: string | undefined;
  storageClass: string;
  cacheControl: string | undefined;
  contentDisposition: string | undefined;
  contentEncoding: string | undefined;
  contentLanguage: string | undefined;
  expires: string | undefined;
  /** `x-cos-meta-*` values by name, prefix removed, names lowercase as HTTP delivers them. */
  metadata: Record<string, string>;
  requestId: string | undefined;
}

type ResponseHeaders = Record<string, string | string[] | undefined>;

export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

export function objectMetadata(headers: ResponseHeaders): ObjectMetadata {
  const metadata: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = headerValue(headers, name);
    if (name.startsWith(METADATA_PREFIX) && value !== undefined) {
      metadata[name.slice(METADATA_PREFIX.length)] = value;
    }
  }
  return {
    contentLength: Number(headerValue(headers, "content-length") ?? 0),
    contentType: headerValue(headers, "content-type"),
    etag: headerValue(headers, "etag"),
    lastModified: headerValue(headers, "last-modified"),
    // COS leaves the header out for STANDARD objects.
    storageClass: headerValue(headers, "x-cos-storage-class") ?? "STANDARD",
    cacheControl: headerValue(headers, "cache-control"),
    contentDisposition: headerValue(headers, "content-disposition"),
    contentEncoding: headerValue(headers, "content-encoding"),
    contentLanguage: headerValue(headers, "content-language"),
    expires: headerValue(headers, "expires"),
    metadata,
    requestId: headerValue(headers, "x-cos-request-id"),
  };
}
