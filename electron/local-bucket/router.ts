import { type Exchange, sendEmpty } from "./answer";
import { deleteMultiple, listObjects } from "./bucket-calls";
import type { CiJobRunner } from "./ci-job-runner";
import { handleCiJobRequest } from "./ci-jobs";
import { answerDownloadRequest, downloadRequestOf } from "./download-processing";
import { CosFailure } from "./failure";
import { utf8HeaderText } from "./header-text";
import type { ImageContext } from "./image-context";
import { abortUpload, completeUpload, initiateUpload, listParts, listUploads, uploadPart } from "./multipart";
import { deleteObject, getObject, putObject, queryValue } from "./objects";
import { processStoredObject, putWithPicOperations } from "./pic-operations";
import { isSignatureParam, type RequestTarget } from "./request-target";
import type { BucketStore } from "./store";
import { handleStyleRequest } from "./styles";

/** Sends an authenticated request to the call it names (method + action parameters). */

function has(target: RequestTarget, name: string): boolean {
  return target.query.some((pair) => pair.name === name);
}

function methodNotAllowed(): CosFailure {
  return new CosFailure(
    405,
    "MethodNotAllowed",
    "The specified method is not allowed against this resource.",
  );
}

function notImplemented(what: string): CosFailure {
  return new CosFailure(501, "NotImplemented", `The local bucket does not implement ${what}.`);
}

/** Bucket and object calls COS has that the local bucket deliberately leaves out. */
const UNSUPPORTED_ACTIONS = ["acl", "tagging", "cors", "versioning", "lifecycle"];

export async function route(
  exchange: Exchange,
  context: ImageContext,
  store: BucketStore,
  target: RequestTarget,
  jobs: CiJobRunner,
  nowMs: number,
): Promise<void> {
  if (target.ciHost) return handleCiJobRequest(exchange, context, jobs, target, nowMs);
  const method = exchange.req.method ?? "GET";
  const unsupported = UNSUPPORTED_ACTIONS.find((action) => has(target, action));
  if (unsupported) throw notImplemented(`?${unsupported}`);

  if (target.key === "") {
    if (has(target, "style")) {
      const book = context.styles.get(store.name);
      if (!book) throw methodNotAllowed();
      return handleStyleRequest(exchange, book);
    }
    if (method === "POST" && has(target, "delete")) return deleteMultiple(exchange, store);
    if (method === "GET" && has(target, "uploads")) return listUploads(exchange, store, target.query);
    if (method === "GET") return listObjects(exchange, store, target.query);
    if (method === "HEAD") return sendEmpty(exchange, 200);
    throw methodNotAllowed();
  }

  const picOperations = exchange.req.headers["pic-operations"];
  // Read as the client meant it: a raw UTF-8 fileid must not become mojibake.
  const received = Array.isArray(picOperations) ? picOperations.join(",") : picOperations;
  const header = received === undefined ? undefined : utf8HeaderText(received);
  if (has(target, "uploadId")) return routeUploadCall(exchange, context, store, target, header);
  if (has(target, "partNumber")) throw invalidMultipartCall("partNumber needs an uploadId.");
  switch (method) {
    case "PUT":
      if (exchange.req.headers["x-cos-copy-source"] !== undefined) throw notImplemented("PUT Object - Copy");
      if (header !== undefined) {
        return putWithPicOperations(exchange, context, store, target.key, target.query, header);
      }
      return putObject(exchange, store, target.key, target.query);
    case "GET":
    case "HEAD": {
      const download = downloadRequestOf(target.query.filter((pair) => !isSignatureParam(pair.name)));
      if (download) return answerDownloadRequest(exchange, context, store, target.key, download);
      return getObject(exchange, store, target.key, target.query);
    }
    case "DELETE":
      return deleteObject(exchange, store, target.key);
    case "POST":
      if (has(target, "uploads")) return initiateUpload(exchange, store, target.key);
      if (queryValue(target.query, "image_process") !== undefined) {
        return processStoredObject(exchange, context, store, target.key, header);
      }
      throw methodNotAllowed();
    default:
      throw methodNotAllowed();
  }
}

function invalidMultipartCall(why: string): CosFailure {
  return new CosFailure(400, "InvalidArgument", `Invalid multipart upload request: ${why}`);
}

/** Calls on one multipart upload (`?uploadId=`): its parts, its completion, its abort. */
function routeUploadCall(
  exchange: Exchange,
  context: ImageContext,
  store: BucketStore,
  target: RequestTarget,
  picOperations: string | undefined,
): Promise<void> | void {
  const { key, query } = target;
  switch (exchange.req.method) {
    case "PUT":
      if (!has(target, "partNumber")) throw invalidMultipartCall("a part needs its partNumber.");
      return uploadPart(exchange, store, key, query);
    case "GET":
      return listParts(exchange, store, key, query);
    case "POST":
      return completeUpload(exchange, context, store, key, query, picOperations);
    case "DELETE":
      return abortUpload(exchange, store, key, query);
    default:
      throw methodNotAllowed();
  }
}
