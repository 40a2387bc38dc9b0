import type { IncomingHttpHeaders } from "node:http";
import { pipeline } from "node:stream/promises";
import { type Exchange, sendEmpty } from "./answer";
import { CosFailure } from "./failure";
import type { QueryPair } from "./request-target";
import type { BucketStore, ObjectAttributes, StagedBody, StoredObject } from "./store";

/** Object calls of reference §3: PUT, GET, HEAD, DELETE, and the request checks PUTs share. */

const STORED_HEADERS = [
  "cache-control",
  "content-disposition",
  "content-encoding",
  "content-language",
  "expires",
];

/** `response-*` query parameters that override a stored header on GET. */
const RESPONSE_OVERRIDES: Record<string, string> = {
  "response-content-type": "content-type",
  "response-content-language": "content-language",
  "response-expires": "expires",
  "response-cache-control": "cache-control",
  "response-content-disposition": "content-disposition",
  "response-content-encoding": "content-encoding",
};

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

export function queryValue(query: readonly QueryPair[], name: string): string | undefined {
  return query.find((pair) => pair.name === name)?.value;
}

/** The headers a PUT stores with the object. */
export function attributesFrom(headers: IncomingHttpHeaders): ObjectAttributes {
  const stored: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === "") continue;
    if (STORED_HEADERS.includes(name) || name.startsWith("x-cos-meta-")) {
      stored[name] = Array.isArray(value) ? value.join(",") : value;
    }
  }
  return {
    contentType: header(headers, "content-type") || "application/octet-stream",
    headers: stored,
    storageClass: header(headers, "x-cos-storage-class")?.toUpperCase() || "STANDARD",
    acl: header(headers, "x-cos-acl"),
  };
}

/** `x-cos-traffic-limit` in bits/s, header or query; COS documents 819200–838860800. */
export function checkTrafficLimit(exchange: Exchange, query: readonly QueryPair[]): void {
  const value =
    header(exchange.req.headers, "x-cos-traffic-limit") ?? queryValue(query, "x-cos-traffic-limit");
  if (value === undefined) return;
  const bits = Number(value);
  if (!/^\d+$/.test(value) || bits < 819200 || bits > 838860800) {
    throw new CosFailure(
      400,
      "InvalidArgument",
      "x-cos-traffic-limit must be a number of bits per second between 819200 and 838860800.",
    );
  }
}

/** Content-Length is required (COS refuses chunked uploads with 411). */
export function requireContentLength(exchange: Exchange): number {
  const value = header(exchange.req.headers, "content-length");
  if (value === undefined || !/^\d+$/.test(value)) {
    throw new CosFailure(411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
  }
  return Number(value);
}

/** The binary MD5 a `Content-MD5` header promises, or undefined when absent. */
export function expectedMd5(exchange: Exchange): Buffer | undefined {
  const value = header(exchange.req.headers, "content-md5");
  if (value === undefined) return undefined;
  const digest = Buffer.from(value, "base64");
  if (digest.length !== 16 || digest.toString("base64") !== value) {
    throw new CosFailure(400, "InvalidDigest", "The Content-MD5 you specified is not valid.");
  }
  return digest;
}

export function badDigest(): CosFailure {
  return new CosFailure(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
}

/** Streams a request's body to a staged file, held to its Content-MD5 when it has one. */
export async function stageRequestBody(exchange: Exchange, store: BucketStore): Promise<StagedBody> {
  const md5 = expectedMd5(exchange);
  const staged = await store.stage(exchange.req as AsyncIterable<Buffer>, exchange.signal);
  if (md5 && !md5.equals(staged.md5)) {
    await store.discard(staged);
    throw badDigest();
  }
  return staged;
}

export async function putObject(
  exchange: Exchange,
  store: BucketStore,
  key: string,
  query: readonly QueryPair[],
): Promise<void> {
  requireContentLength(exchange);
  checkTrafficLimit(exchange, query);
  // The body streams to disk; only the committed rename makes it visible.
  const staged = await stageRequestBody(exchange, store);
  const object = await store.commit(key, staged, attributesFrom(exchange.req.headers));
  sendEmpty(exchange, 200, { ETag: object.etag });
}

export function noSuchKey(): CosFailure {
  return new CosFailure(404, "NoSuchKey", "The specified key does not exist.");
}

function objectHeaders(object: StoredObject, query: readonly QueryPair[]): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Type": object.contentType,
    ETag: object.etag,
    "Last-Modified": new Date(object.lastModified).toUTCString(),
    "Accept-Ranges": "bytes",
    ...object.headers,
  };
  if (object.storageClass !== "STANDARD") headers["x-cos-storage-class"] = object.storageClass;
  for (const [param, target] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = queryValue(query, param);
    if (value === undefined) continue;
    if (target === "content-type") headers["Content-Type"] = value;
    else headers[target] = value;
  }
  return headers;
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`; several ranges are not supported and serve the whole object. */
function parseRange(value: string | undefined, size: number): { start: number; end: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!match) return undefined;
  const [, from = "", to = ""] = match;
  let start: number;
  let end: number;
  if (from === "") {
    if (to === "") return undefined;
    start = Math.max(0, size - Number(to));
    end = size - 1;
  } else {
    start = Number(from);
    end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (start >= size || start > end) {
    throw new CosFailure(416, "InvalidRange", "The requested range is not satisfiable.");
  }
  return { start, end };
}

function checkPreconditions(exchange: Exchange, object: StoredObject): "not-modified" | undefined {
  const ifMatch = header(exchange.req.headers, "if-match");
  if (ifMatch !== undefined && ifMatch !== "*" && !ifMatch.split(",").some((t) => t.trim() === object.etag)) {
    throw new CosFailure(
      412,
      "PreconditionFailed",
      "At least one of the preconditions you specified did not hold.",
    );
  }
  const ifNoneMatch = header(exchange.req.headers, "if-none-match");
  if (ifNoneMatch?.split(",").some((t) => t.trim() === object.etag || t.trim() === "*")) {
    return "not-modified";
  }
  return undefined;
}

/** GET and HEAD of a stored object. */
export async function getObject(
  exchange: Exchange,
  store: BucketStore,
  key: string,
  query: readonly QueryPair[],
): Promise<void> {
  checkTrafficLimit(exchange, query);
  const opened = await store.openObject(key);
  if (!opened) throw noSuchKey();
  const { object, file } = opened;
  let streaming = false;
  try {
    const headers = objectHeaders(object, query);
    if (checkPreconditions(exchange, object) === "not-modified") {
      exchange.res.writeHead(304, { ETag: object.etag });
      exchange.res.end();
      return;
    }
    const range = parseRange(header(exchange.req.headers, "range"), object.size);
    const status = range ? 206 : 200;
    const start = range?.start ?? 0;
    const end = range?.end ?? object.size - 1;
    headers["Content-Length"] = String(object.size === 0 ? 0 : end - start + 1);
    if (range) headers["Content-Range"] = `bytes ${start}-${end}/${object.size}`;
    exchange.res.writeHead(status, headers);
    if (exchange.req.method === "HEAD" || object.size === 0) {
      exchange.res.end();
      return;
    }
    streaming = true;
    // The stream closes the file when it ends or fails.
    await pipeline(file.createReadStream({ start, end }), exchange.res);
  } finally {
    if (!streaming) await file.close();
  }
}

export async function deleteObject(exchange: Exchange, store: BucketStore, key: string): Promise<void> {
  // Deleting a missing key succeeds too (reference §3).
  await store.delete(key);
  sendEmpty(exchange, 204);
}
