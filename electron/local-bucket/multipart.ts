import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { type Exchange, sendEmpty, sendXml } from "./answer";
import { bucketOwner } from "./bucket-calls";
import { CosFailure } from "./failure";
import { type ImageContext, inputTooLarge, locationOf, MAX_PROCESSING_INPUT_BYTES } from "./image-context";
import type { MultipartUpload, UploadedPart } from "./multipart-uploads";
import {
  attributesFrom,
  badDigest,
  expectedMd5,
  queryValue,
  requireContentLength,
  stageRequestBody,
} from "./objects";
import { planPicOperations, processUpload } from "./pic-operations";
import { malformedXml, readBody, XML_BODY_LIMIT } from "./request-body";
import type { QueryPair } from "./request-target";
import type { BucketStore } from "./store";
import { asList, parseXml, textOf, xmlDocument } from "./xml";

/**
 * Multipart upload (reference §3), as the SDKs use it for files over their slice size:
 * Initiate, Upload Part, List Parts, Complete (with `Pic-Operations`, §5.2 3), Abort, and the
 * bucket's list of uploads under way, which the Node SDK reads first to resume one.
 */

const MAX_PART_NUMBER = 10_000;
/** Every part but the last must hold at least 1 MB (reference §3, "Multipart thresholds"). */
const MIN_PART_SIZE = 1024 * 1024;

function noSuchUpload(): CosFailure {
  return new CosFailure(
    404,
    "NoSuchUpload",
    "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
  );
}

function findUpload(store: BucketStore, key: string, query: readonly QueryPair[]): MultipartUpload {
  const upload = store.multipart.find(key, queryValue(query, "uploadId") ?? "");
  if (!upload) throw noSuchUpload();
  return upload;
}

function owner(store: BucketStore) {
  const id = bucketOwner(store);
  return { ID: id, DisplayName: id };
}

/** A count parameter (`max-parts`, `max-uploads`): 1000 when absent, at most 1000. */
function countParameter(query: readonly QueryPair[], name: string): number {
  const text = queryValue(query, name);
  if (text === undefined || text === "") return 1000;
  const count = Number(text);
  if (!/^\d+$/.test(text) || count < 1) {
    throw new CosFailure(400, "InvalidArgument", `${name} must be a whole number from 1 to 1000.`);
  }
  return Math.min(count, 1000);
}

/** POST /<key>?uploads: the object's headers are given now and kept for the completed object. */
export async function initiateUpload(exchange: Exchange, store: BucketStore, key: string): Promise<void> {
  const upload = await store.multipart.initiate(key, attributesFrom(exchange.req.headers));
  sendXml(
    exchange,
    200,
    xmlDocument("InitiateMultipartUploadResult", { Bucket: store.name, Key: key, UploadId: upload.uploadId }),
  );
}

/** PUT /<key>?partNumber=N&uploadId=ID: the part streams to disk like a PUT's body. */
export async function uploadPart(
  exchange: Exchange,
  store: BucketStore,
  key: string,
  query: readonly QueryPair[],
): Promise<void> {
  requireContentLength(exchange);
  const numberText = queryValue(query, "partNumber") ?? "";
  const partNumber = Number(numberText);
  if (!/^\d+$/.test(numberText) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw new CosFailure(
      400,
      "InvalidArgument",
      `Part number must be a whole number from 1 to ${MAX_PART_NUMBER}.`,
    );
  }
  const upload = findUpload(store, key, query);
  const body = await stageRequestBody(exchange, store);
  const etag = `"${body.md5.toString("hex")}"`;
  const part: UploadedPart = { partNumber, body, etag, lastModified: new Date().toISOString() };
  if (!(await store.multipart.addPart(upload, part))) throw noSuchUpload();
  sendEmpty(exchange, 200, { ETag: etag });
}

/** GET /<key>?uploadId=ID: the parts received so far, by number. */
export function listParts(
  exchange: Exchange,
  store: BucketStore,
  key: string,
  query: readonly QueryPair[],
): void {
  const upload = findUpload(store, key, query);
  const maxParts = countParameter(query, "max-parts");
  const marker = Number(queryValue(query, "part-number-marker") ?? 0) || 0;
  const after = [...upload.parts.values()]
    .filter((part) => part.partNumber > marker)
    .sort((a, b) => a.partNumber - b.partNumber);
  const parts = after.slice(0, maxParts);
  const isTruncated = after.length > parts.length;
  sendXml(
    exchange,
    200,
    xmlDocument("ListPartsResult", {
      Bucket: store.name,
      Key: key,
      UploadId: upload.uploadId,
      Initiator: owner(store),
      Owner: owner(store),
      PartNumberMarker: marker,
      NextPartNumberMarker: isTruncated ? parts.at(-1)?.partNumber : undefined,
      StorageClass: upload.attributes.storageClass,
      MaxParts: maxParts,
      IsTruncated: isTruncated,
      Part: parts.map((part) => ({
        PartNumber: part.partNumber,
        LastModified: part.lastModified,
        ETag: part.etag,
        Size: part.body.size,
      })),
    }),
  );
}

/** DELETE /<key>?uploadId=ID: the upload and every part it received are dropped. */
export async function abortUpload(
  exchange: Exchange,
  store: BucketStore,
  key: string,
  query: readonly QueryPair[],
): Promise<void> {
  await store.multipart.abort(findUpload(store, key, query));
  sendEmpty(exchange, 204);
}

/** GET /?uploads: the bucket's uploads under way, for a client looking for one to resume. */
export function listUploads(exchange: Exchange, store: BucketStore, query: readonly QueryPair[]): void {
  if (queryValue(query, "delimiter")) {
    throw new CosFailure(501, "NotImplemented", "The local bucket does not list uploads with a delimiter.");
  }
  const prefix = queryValue(query, "prefix") ?? "";
  const keyMarker = queryValue(query, "key-marker") ?? "";
  const uploadIdMarker = queryValue(query, "upload-id-marker") ?? "";
  const maxUploads = countParameter(query, "max-uploads");
  const page = store.multipart.list({ prefix, keyMarker, uploadIdMarker, maxUploads });
  sendXml(
    exchange,
    200,
    xmlDocument("ListMultipartUploadsResult", {
      Bucket: store.name,
      KeyMarker: keyMarker,
      UploadIdMarker: uploadIdMarker,
      NextKeyMarker: page.nextKeyMarker,
      NextUploadIdMarker: page.nextUploadIdMarker,
      MaxUploads: maxUploads,
      IsTruncated: page.isTruncated,
      Prefix: prefix,
      Upload: page.uploads.map((upload) => ({
        Key: upload.key,
        UploadId: upload.uploadId,
        StorageClass: upload.attributes.storageClass,
        Initiator: owner(store),
        Owner: owner(store),
        Initiated: upload.initiated,
      })),
    }),
  );
}

/** `<CompleteMultipartUpload><Part><PartNumber/><ETag/></Part>…`, checked against what was uploaded. */
function partsToJoin(upload: MultipartUpload, xml: string): UploadedPart[] {
  const root = parseXml(xml)?.CompleteMultipartUpload;
  if (typeof root !== "object" || root === null) throw malformedXml();
  const listed = asList((root as Record<string, unknown>).Part).map((entry) => {
    const fields = (entry ?? {}) as Record<string, unknown>;
    return { partNumber: Number(textOf(fields.PartNumber)), etag: textOf(fields.ETag) ?? "" };
  });
  if (listed.length === 0 || listed.some((entry) => !Number.isInteger(entry.partNumber)))
    throw malformedXml();
  const parts: UploadedPart[] = [];
  for (const [index, entry] of listed.entries()) {
    if (index > 0 && entry.partNumber <= (listed[index - 1]?.partNumber ?? 0)) {
      throw new CosFailure(
        400,
        "InvalidPartOrder",
        "The list of parts was not in ascending order. Parts must be ordered by part number.",
      );
    }
    const part = upload.parts.get(entry.partNumber);
    // Clients send ETags with or without their quotes.
    if (!part || part.etag.replaceAll('"', "") !== entry.etag.replaceAll('"', "")) {
      throw new CosFailure(
        400,
        "InvalidPart",
        `Part ${entry.partNumber} could not be found: it was not uploaded, or its ETag does not match the one given.`,
      );
    }
    parts.push(part);
  }
  const small = parts.slice(0, -1).find((part) => part.body.size < MIN_PART_SIZE);
  if (small) {
    throw new CosFailure(
      400,
      "EntityTooSmall",
      `Part ${small.partNumber} is ${small.body.size} bytes; every part but the last must be at least 1 MB.`,
    );
  }
  return parts;
}

/** S3's and COS's multipart ETag: the MD5 of the parts' MD5s, then the number of parts. */
function multipartEtag(parts: UploadedPart[]): string {
  const md5 = createHash("md5");
  for (const part of parts) md5.update(part.body.md5);
  return `"${md5.digest("hex")}-${parts.length}"`;
}

async function* partBytes(parts: UploadedPart[]): AsyncIterable<Buffer> {
  for (const part of parts) yield* createReadStream(part.body.path) as AsyncIterable<Buffer>;
}

/**
 * POST /<key>?uploadId=ID: joins the listed parts into the object. With `Pic-Operations`
 * the rules run on the joined image and the answer carries ImageInfo and ProcessResults too.
 * A completion that fails leaves the upload as it was, so it can be retried.
 */
export async function completeUpload(
  exchange: Exchange,
  context: ImageContext,
  store: BucketStore,
  key: string,
  query: readonly QueryPair[],
  picOperations: string | undefined,
): Promise<void> {
  const upload = findUpload(store, key, query);
  const md5 = expectedMd5(exchange);
  const body = await readBody(exchange.req, XML_BODY_LIMIT, malformedXml);
  if (md5 && !md5.equals(createHash("md5").update(body).digest())) throw badDigest();
  const parts = partsToJoin(upload, body.toString("utf8"));
  const work =
    picOperations === undefined ? undefined : planPicOperations(context, picOperations, store.name, key);
  const size = parts.reduce((total, part) => total + part.body.size, 0);
  if (work && size > MAX_PROCESSING_INPUT_BYTES) throw inputTooLarge(size);
  if (!store.multipart.take(upload)) throw noSuchUpload();

  const etag = multipartEtag(parts);
  const answer = { Location: locationOf(context, store.name, key), Bucket: store.name, Key: key };
  try {
    if (!work) {
      const joined = await store.stage(partBytes(parts), exchange.signal);
      await store.commit(key, joined, upload.attributes, etag).catch(async (error: unknown) => {
        await store.discard(joined);
        throw error;
      });
      sendXml(exchange, 200, xmlDocument("CompleteMultipartUploadResult", { ...answer, ETag: etag }));
    } else {
      // The rules need the image whole (at most 32 MB): the parts are read once, into memory.
      const input = Buffer.concat(await Promise.all(parts.map((part) => readFile(part.body.path))));
      const processed = await processUpload(exchange, context, work, {
        store,
        key,
        input,
        staged: store.stage(input, exchange.signal),
        attributes: upload.attributes,
        etag,
      });
      sendXml(
        exchange,
        200,
        xmlDocument("CompleteMultipartUploadResult", {
          ...answer,
          ETag: processed.originalEtag,
          ImageInfo: processed.imageInfo,
          ProcessResults: { Object: processed.results },
        }),
      );
    }
  } catch (error) {
    store.multipart.restore(upload);
    throw error;
  }
  await store.multipart.abort(upload);
}
