import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { UploadResult } from "../../shared/cos/image-info";
import { isValidBucketName, objectKeyProblem } from "../../shared/cos/names";
import { type PutObjectOptions, PutObjectOptionsSchema } from "../../shared/cos/put-object-options";
import { issueMessageRef } from "../../shared/error-messages";
import { PicopsError, ThrownAppError } from "../../shared/errors";
import { encodePicOperations, type PicOperations } from "../../shared/rules/pic-operations";
import { type BasicImageInfo, parseBasicImageInfo } from "./basic-image-info";
import { CosError } from "./cos-error";
import { type CosEndpoint, objectTarget, type RequestTarget, styleTarget } from "./endpoint";
import { bodySize, md5Base64, type ObjectBody, requestBodyFor, type TransferProgress } from "./object-body";
import { headerValue, type ObjectMetadata, objectMetadata, putObjectHeaders } from "./object-headers";
import { abortedError } from "./retry";
import { type CosRequest, type CosResponse, CosTransport, type TransportOptions } from "./transport";
import type { WholeAnswer } from "./whole-answer";
import {
  type DeleteResult,
  deleteRequestXml,
  type ImageStyle,
  type ListBucketResult,
  parseDeleteResult,
  parseListBucketResult,
  parseStyleList,
  parseUploadResult,
  peekListingNextMarker,
  styleRequestXml,
} from "./xml";

export interface CosClientOptions extends TransportOptions {
  /** Region of buckets named without one. */
  region: string;
  /** Virtual-host COS addresses unless told otherwise. */
  endpoint?: CosEndpoint;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

export interface BucketRef extends CallOptions {
  bucket: string;
  /** Overrides the client's region for this bucket. */
  region?: string | undefined;
}

export interface ObjectRef extends BucketRef {
  key: string;
}

export interface PutObjectInput extends ObjectRef {
  body: ObjectBody;
  options?: PutObjectOptions | undefined;
  /** Process the upload with Cloud Infinite (upload-time persistent processing, §5.2). */
  picOperations?: PicOperations | undefined;
  onProgress?: ((progress: TransferProgress) => void) | undefined;
}

export interface PutObjectResult {
  /** Quoted, as COS sends it. */
  etag: string;
  requestId: string | undefined;
  /** Present when the upload carried Pic-Operations. */
  uploadResult: UploadResult | undefined;
}

export interface ListObjectsInput extends BucketRef {
  prefix?: string | undefined;
  delimiter?: string | undefined;
  /** Exclusive: listing starts after this key. */
  marker?: string | undefined;
  /** 1–1000; COS's default is 1000. */
  maxKeys?: number | undefined;
}

export interface ObjectDownload {
  metadata: ObjectMetadata;
  /** Consume or destroy it: the connection stays busy until then. */
  body: Readable;
}

/** The MIME type COS reported and the bytes of an image processed at download time. */
export interface ProcessedImage {
  contentType: string;
  bytes: Buffer;
}

const DELETE_OBJECTS_MAX = 1000;

/** A listing page from its XML, with `nextMarker` filled in whenever it is truncated. */
function listingPage(xml: string): ListBucketResult {
  const page = parseListBucketResult(xml);
  if (page.isTruncated && page.nextMarker === undefined) {
    // COS sends NextMarker only with a delimiter; otherwise the last key is the marker.
    const last = [page.contents.at(-1)?.key ?? "", page.commonPrefixes.at(-1) ?? ""].sort().at(-1);
    page.nextMarker = last || undefined;
  }
  return page;
}

/**
 * Waits until undici has written a request handed to it just before. Signing takes a few
 * promise turns, and undici writes on a pooled keep-alive socket only from an immediate of
 * its own (it first lets the idle socket report a close: `scheduleIdleSocketValidation` in
 * undici's lib/dispatcher/client-h1.js), so a page parsed at once, or after one immediate
 * queued before that one, would send the request ahead only after it, ahead of nothing.
 * The second turn also lets a new connection on loopback open and carry the request.
 */
async function untilWritten(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * The same promise, marked as handled: a request made ahead may fail while the caller is
 * busy with the page before it, and that failure belongs to whoever awaits it, if anyone.
 */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Picops's COS client: one keep-alive pool serving every bucket of one account. Every call
 * takes an AbortSignal; failures are CosErrors with COS's codes, or PicopsErrors.
 */
export class CosClient {
  readonly #transport: CosTransport;
  readonly #region: string;
  readonly #endpoint: CosEndpoint;

  constructor(options: CosClientOptions) {
    this.#transport = new CosTransport(options);
    this.#region = options.region;
    this.#endpoint = options.endpoint ?? { kind: "virtual-host" };
  }

  /** COS's clock minus ours, as learnt from the last skew correction. */
  get clockOffsetMs(): number {
    return this.#transport.clockOffsetMs;
  }

  close(): Promise<void> {
    return this.#transport.close();
  }

  async putObject(input: PutObjectInput): Promise<PutObjectResult> {
    const target = this.#objectTarget(input);
    // No options, nothing to check: the schema walk is a fair share of a small PUT's own CPU.
    const options = input.options === undefined ? {} : parsePutObjectOptions(input.options);
    const body = await requestBodyFor(input.body);
    const size = bodySize(body);
    if (options.contentLength !== undefined && options.contentLength !== size) {
      throw new PicopsError(
        "invalid-input",
        "content-length-mismatch",
        { declared: options.contentLength, size },
        { path: ["contentLength"] },
      );
    }
    const headers = putObjectHeaders(input.key, options);
    if (options.computeMd5) headers["content-md5"] = await md5Base64(body, input.signal);
    if (input.picOperations) headers["pic-operations"] = picOperationsHeader(input.picOperations);
    const answer = await this.#sendForWhole({
      method: "PUT",
      target,
      headers,
      body,
      idempotent: true,
      signal: input.signal,
      onProgress: input.onProgress,
    });
    return {
      etag: headerValue(answer.headers, "etag") ?? "",
      requestId: headerValue(answer.headers, "x-cos-request-id"),
      uploadResult: input.picOperations ? parseUploadResult(textOf(answer)) : undefined,
    };
  }

  /** Starts a download; the caller reads the stream. Ranges are `bytes=first-last`. */
  async getObject(input: ObjectRef & { range?: string | undefined }): Promise<ObjectDownload> {
    const response = await this.#send({
      method: "GET",
      target: this.#objectTarget(input),
      headers: input.range ? { range: input.range } : {},
      idempotent: true,
      signal: input.signal,
    });
    return { metadata: objectMetadata(response.headers), body: response.body };
  }

  /** Downloads to a file; a failed download leaves no partial file behind. */
  async downloadObject(input: ObjectRef & { file: string }): Promise<ObjectMetadata> {
    const { metadata, body } = await this.getObject(input);
    const partial = `${input.file}.picops-partial`;
    try {
      await pipeline(body, createWriteStream(partial), input.signal ? { signal: input.signal } : {});
      await rename(partial, input.file);
    } catch (error) {
      await rm(partial, { force: true });
      if (input.signal?.aborted) throw abortedError();
      if (error instanceof ThrownAppError) throw error;
      throw new PicopsError("download-failed", "download-to-file-failed", {
        key: input.key,
        file: input.file,
      });
    }
    return metadata;
  }

  async headObject(input: ObjectRef): Promise<ObjectMetadata> {
    const response = await this.#send({
      method: "HEAD",
      target: this.#objectTarget(input),
      idempotent: true,
      signal: input.signal,
    });
    await response.body.dump();
    return objectMetadata(response.headers);
  }

  /** Deleting a key that does not exist succeeds, as on COS (§3). */
  async deleteObject(input: ObjectRef): Promise<void> {
    try {
      const response = await this.#send({
        method: "DELETE",
        target: this.#objectTarget(input),
        idempotent: true,
        signal: input.signal,
      });
      await response.body.dump();
    } catch (error) {
      if (error instanceof CosError && error.code === "NoSuchKey") return;
      throw error;
    }
  }

  /** POST ?delete for up to 1000 keys; `quiet` lists only the failures. */
  async deleteObjects(
    input: BucketRef & { keys: readonly string[]; quiet?: boolean },
  ): Promise<DeleteResult> {
    if (input.keys.length === 0 || input.keys.length > DELETE_OBJECTS_MAX) {
      throw new PicopsError("invalid-input", "delete-count", { max: DELETE_OBJECTS_MAX }, { path: ["keys"] });
    }
    const xml = Buffer.from(deleteRequestXml(input.keys, input.quiet ?? false));
    const answer = await this.#sendForWhole({
      method: "POST",
      target: this.#bucketTarget(input),
      query: { delete: "" },
      headers: {
        "content-type": "application/xml",
        "content-md5": createHash("md5").update(xml).digest("base64"),
      },
      body: xml,
      // Deleting twice leaves the bucket as deleting once.
      idempotent: true,
      signal: input.signal,
    });
    return parseDeleteResult(textOf(answer));
  }

  /** One page of GET Bucket; `nextMarker` is set whenever the listing is truncated. */
  async listObjects(input: ListObjectsInput): Promise<ListBucketResult> {
    return listingPage(await this.#listingXml(input));
  }

  /**
   * Every page of a listing, fetched as the caller iterates. With `readAhead`, the next page
   * is asked for as soon as this one's NextMarker is read, before the entries after it are
   * parsed, so COS makes it while this one is parsed and used: for callers that read a
   * listing to its end (one that stops early has asked for a page it never reads).
   * `firstMaxKeys` asks for a shorter first page, which arrives sooner.
   */
  async *listObjectPages(
    input: ListObjectsInput & { readAhead?: boolean; firstMaxKeys?: number },
  ): AsyncGenerator<ListBucketResult, void, undefined> {
    let marker = input.marker;
    let answer = this.#listingXml({ ...input, marker, maxKeys: input.firstMaxKeys ?? input.maxKeys });
    let ahead: { marker: string; answer: Promise<string> } | undefined;
    try {
      for (;;) {
        const xml = await answer;
        const peeked = input.readAhead ? peekListingNextMarker(xml) : undefined;
        ahead =
          peeked === undefined || peeked === marker
            ? undefined
            : { marker: peeked, answer: handled(this.#listingXml({ ...input, marker: peeked })) };
        if (ahead) await untilWritten();
        const page = listingPage(xml);
        yield page;
        if (!page.isTruncated || page.nextMarker === undefined || page.nextMarker === marker) return;
        marker = page.nextMarker;
        answer = ahead?.marker === marker ? ahead.answer : this.#listingXml({ ...input, marker });
        ahead = undefined;
      }
    } finally {
      // Stopped early, or failed: nobody reads the page asked for ahead, nor its failure.
      ahead?.answer.catch(() => undefined);
    }
  }

  /** GET Bucket's XML for one page. */
  async #listingXml(input: ListObjectsInput): Promise<string> {
    const query: Record<string, string> = {};
    if (input.prefix !== undefined) query.prefix = input.prefix;
    if (input.delimiter !== undefined) query.delimiter = input.delimiter;
    if (input.marker !== undefined) query.marker = input.marker;
    if (input.maxKeys !== undefined) query["max-keys"] = String(input.maxKeys);
    // Keys may hold characters XML cannot carry; COS percent-encodes them on request.
    query["encoding-type"] = "url";
    const answer = await this.#sendForWhole({
      method: "GET",
      target: this.#bucketTarget(input),
      query,
      idempotent: true,
      signal: input.signal,
    });
    return textOf(answer);
  }

  /** Cloud processing of a stored object: POST ?image_process with Pic-Operations (§5.2). */
  async processObject(input: ObjectRef & { picOperations: PicOperations }): Promise<UploadResult> {
    const answer = await this.#sendForWhole({
      method: "POST",
      target: this.#objectTarget(input),
      query: { image_process: "" },
      headers: { "pic-operations": picOperationsHeader(input.picOperations) },
      idempotent: true,
      signal: input.signal,
    });
    return parseUploadResult(textOf(answer));
  }

  /**
   * Download-time processing: the rule travels as a query key with an empty value (§6, §11).
   * An image past `maxBytes` (what the caller would keep) is refused and not read further.
   */
  async getProcessedImage(input: ObjectRef & { rule: string; maxBytes: number }): Promise<ProcessedImage> {
    const limit = input.maxBytes;
    const answer = await this.#sendForWhole(
      {
        method: "GET",
        target: this.#objectTarget(input),
        query: { [input.rule]: "" },
        idempotent: true,
        signal: input.signal,
      },
      {
        ok: limit,
        tooLarge: () =>
          new PicopsError(
            "media-too-large",
            "processed-image-too-large",
            { megabytes: Math.round(limit / 2 ** 20) },
            { status: 413 },
          ),
      },
    );
    return {
      contentType: headerValue(answer.headers, "content-type") ?? "application/octet-stream",
      bytes: answer.body,
    };
  }

  /** GET ?imageInfo: format, size and dimensions as numbers (§6). */
  async imageInfo(input: ObjectRef): Promise<BasicImageInfo> {
    const answer = await this.#sendForWhole({
      method: "GET",
      target: this.#objectTarget(input),
      query: { imageInfo: "" },
      idempotent: true,
      signal: input.signal,
    });
    return parseBasicImageInfo(textOf(answer));
  }

  /** The bucket's image styles, or the one named (§7.6). */
  async listStyles(input: BucketRef & { name?: string | undefined }): Promise<ImageStyle[]> {
    const answer = await this.#sendStyle(
      input,
      "GET",
      input.name === undefined ? undefined : styleRequestXml("GetStyle", input.name),
    );
    return parseStyleList(textOf(answer));
  }

  async putStyle(input: BucketRef & { name: string; body: string }): Promise<void> {
    await this.#sendStyle(input, "PUT", styleRequestXml("AddStyle", input.name, input.body));
  }

  async deleteStyle(input: BucketRef & { name: string }): Promise<void> {
    await this.#sendStyle(input, "DELETE", styleRequestXml("DeleteStyle", input.name));
  }

  #sendStyle(
    input: BucketRef,
    method: "GET" | "PUT" | "DELETE",
    xml: string | undefined,
  ): Promise<WholeAnswer> {
    return this.#sendForWhole({
      method,
      target: styleTarget(this.#endpoint, this.#bucket(input), input.region ?? this.#region),
      query: { style: "" },
      headers: xml === undefined ? {} : { "content-type": "application/xml" },
      ...(xml === undefined ? {} : { body: Buffer.from(xml) }),
      idempotent: true,
      signal: input.signal,
    });
  }

  #send(request: CosRequest): Promise<CosResponse> {
    if (request.signal?.aborted) return Promise.reject(abortedError());
    return this.#transport.send(request);
  }

  #sendForWhole(
    request: CosRequest,
    limit?: Parameters<CosTransport["sendForWhole"]>[1],
  ): Promise<WholeAnswer> {
    if (request.signal?.aborted) return Promise.reject(abortedError());
    return this.#transport.sendForWhole(request, limit);
  }

  #bucket(input: BucketRef): string {
    if (!isValidBucketName(input.bucket)) {
      throw new PicopsError(
        "InvalidBucketName",
        "bucket-name-invalid",
        { bucket: input.bucket },
        { path: ["bucket"] },
      );
    }
    return input.bucket;
  }

  #bucketTarget(input: BucketRef): RequestTarget {
    return objectTarget(this.#endpoint, this.#bucket(input), input.region ?? this.#region, "");
  }

  #objectTarget(input: ObjectRef): RequestTarget {
    const problem = objectKeyProblem(input.key);
    if (problem !== undefined) {
      throw new PicopsError("invalid-input", problem.messageId, problem.values, { path: ["key"] });
    }
    return objectTarget(this.#endpoint, this.#bucket(input), input.region ?? this.#region, input.key);
  }
}

/** COS's XML answers are UTF-8. */
const textOf = (answer: WholeAnswer) => answer.body.toString("utf8");

/**
 * HTTP sends header bytes as Latin-1, so a fileid like `缩略图.png` would arrive mangled
 * (and fail the signature). `\uXXXX` escapes are the same JSON in plain ASCII.
 */
export function picOperationsHeader(ops: PicOperations): string {
  return encodePicOperations(ops).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function parsePutObjectOptions(options: PutObjectOptions): PutObjectOptions {
  const parsed = PutObjectOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const text = issueMessageRef(issue) ?? { messageId: "upload-options-invalid" };
  throw new PicopsError("invalid-input", text.messageId, text.values, {
    path: ["options", ...(issue?.path ?? []).map((part) => (typeof part === "symbol" ? String(part) : part))],
  });
}
