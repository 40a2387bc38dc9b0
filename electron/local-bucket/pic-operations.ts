import type { ImageInfo } from "../../shared/cos/image-info";
import { objectKeyProblem } from "../../shared/cos/names";
import { formatMessage } from "../../shared/error-messages";
import type { Pipeline } from "../../shared/rules/ast";
import { decodePicOperations, resolveFileId } from "../../shared/rules/index";
import { processOriginal } from "../engine/index";
import { type Exchange, sendXml } from "./answer";
import { CosFailure } from "./failure";
import {
  checkStylesExist,
  engineOptions,
  type ImageContext,
  inProcessingTurn,
  inputTooLarge,
  locationOf,
  MAX_PROCESSING_INPUT_BYTES,
  parseRuleOrFail,
  readForProcessing,
} from "./image-context";
import {
  attributesFrom,
  badDigest,
  checkTrafficLimit,
  expectedMd5,
  noSuchKey,
  requireContentLength,
} from "./objects";
import { readHashedBody } from "./request-body";
import type { QueryPair } from "./request-target";
import type { BucketStore, ObjectAttributes, StagedBody } from "./store";
import { xmlDocument } from "./xml";

/**
 * Persistent processing (reference §5): PUT with `Pic-Operations`, POST `?image_process`
 * on a stored object, and (through `processUpload`) Complete Multipart Upload. Every rule is checked, and every output computed in memory, before
 * anything is written. So a request that fails leaves the bucket as it was — including the
 * original of an upload, which is not stored when its processing fails. COS's own choice is
 * unconfirmed (§4); all-or-nothing lets a designer fix the rule and simply upload again,
 * never finding an original without its derivatives.
 */

interface PlannedRule {
  bucket: string;
  store: BucketStore;
  key: string;
  pipeline: Pipeline;
}

export interface Plan {
  isPicInfo: boolean;
  rules: PlannedRule[];
}

function invalidPicOperations(messages: string[]): CosFailure {
  return new CosFailure(400, "InvalidArgument", `Invalid Pic-Operations: ${messages.join("; ")}`);
}

/** Decodes and checks the header against the buckets and styles this server holds. */
export function planPicOperations(
  context: ImageContext,
  header: string,
  inputBucket: string,
  inputKey: string,
): Plan {
  // Decoding also validates: shape, at most 5 rules (`too-many-rules`, whose message names
  // the limit), fileids, bucket names and every rule's syntax.
  const decoded = decodePicOperations(header);
  if (!decoded.ops || decoded.problems.length > 0) {
    throw invalidPicOperations(decoded.problems.map((p) => p.message));
  }
  const rules = decoded.ops.rules.map((rule): PlannedRule => {
    const bucket = rule.bucket ?? inputBucket;
    const store = context.stores.get(bucket);
    if (!store) throw new CosFailure(404, "NoSuchBucket", `The destination bucket ${bucket} does not exist.`);
    const key = resolveFileId(inputKey, rule.fileid);
    const keyProblem = objectKeyProblem(key);
    if (keyProblem)
      throw invalidPicOperations([
        `fileid "${rule.fileid}" gives the key "${key}": ${formatMessage(keyProblem.messageId, keyProblem.values)}`,
      ]);
    const pipeline = parseRuleOrFail(rule.rule);
    checkStylesExist(pipeline, context.styles.get(inputBucket));
    return { bucket, store, key, pipeline };
  });
  return { isPicInfo: decoded.ops.isPicInfo, rules };
}

interface Output {
  rule: PlannedRule;
  data: Buffer;
  format: string;
  mimeType: string;
  width: number;
  height: number;
  quality: number;
}

/**
 * Every rule's output and, with is_pic_info, the original's ImageInfo: its header read once
 * for all of them, and an 8-bit PNG's mean taken from its first rule's decode (see
 * processOriginal).
 */
async function runRules(
  context: ImageContext,
  inputBucket: string,
  input: Buffer,
  work: Plan,
  signal: AbortSignal,
): Promise<[ImageInfo | undefined, Output[]]> {
  const { imageInfo, outputs } = await inProcessingTurn(context, signal, () =>
    processOriginal(
      input,
      work.rules.map((rule) => rule.pipeline),
      { ...engineOptions(context, inputBucket, signal), describe: work.isPicInfo },
    ),
  );
  return [imageInfo, outputs.map((output, at) => ({ rule: work.rules[at] as PlannedRule, ...output }))];
}

function imageInfoXml(info: ImageInfo) {
  return {
    Format: info.format,
    Width: info.width,
    Height: info.height,
    Quality: info.quality,
    Ave: info.ave,
    Orientation: info.orientation,
  };
}

interface Original {
  bucket: string;
  key: string;
  /** ETag of the stored original; replaced when a rule overwrites it. */
  etag: string;
  imageInfo: ImageInfo | undefined;
}

/** What a request's processing wrote: the original's final ETag and one `<Object>` per rule. */
export interface ProcessedUpload {
  originalEtag: string;
  imageInfo: ReturnType<typeof imageInfoXml> | undefined;
  results: Record<string, string | number>[];
}

/** Stores every output; a rule whose key is the original's gives the original its ETag. */
async function storeOutputs(
  signal: AbortSignal,
  context: ImageContext,
  original: Original,
  outputs: Output[],
): Promise<ProcessedUpload> {
  const results = [];
  let originalEtag = original.etag;
  for (const output of outputs) {
    const { store, key, bucket } = output.rule;
    const staged = await store.stage(output.data, signal);
    const stored = await store.commit(key, staged, {
      contentType: output.mimeType,
      headers: {},
      storageClass: "STANDARD",
      acl: undefined,
    });
    if (bucket === original.bucket && key === original.key) originalEtag = stored.etag;
    results.push({
      Key: key,
      Location: locationOf(context, bucket, key),
      Format: output.format,
      Width: output.width,
      Height: output.height,
      Size: stored.size,
      Quality: output.quality,
      ETag: stored.etag,
    });
  }
  return {
    originalEtag,
    imageInfo: original.imageInfo ? imageInfoXml(original.imageInfo) : undefined,
    results,
  };
}

/** `<UploadResult>` (reference §5.3). */
function answerUploadResult(
  exchange: Exchange,
  context: ImageContext,
  original: { bucket: string; key: string },
  processed: ProcessedUpload,
): void {
  sendXml(
    exchange,
    200,
    xmlDocument("UploadResult", {
      OriginalInfo: {
        Key: original.key,
        Location: locationOf(context, original.bucket, original.key),
        ImageInfo: processed.imageInfo,
        ETag: processed.originalEtag,
      },
      ProcessResults: { Object: processed.results },
    }),
  );
}

/** An uploaded image whose rules run before anything of it is stored. */
export interface UploadToProcess {
  store: BucketStore;
  key: string;
  input: Buffer;
  /**
   * The original being written to disk while the rules run (a 30 MB fsync need not wait for
   * them). It becomes the object only if they all succeed and none of them replaces it.
   */
  staged: Promise<StagedBody>;
  /** The headers the stored original keeps. */
  attributes: ObjectAttributes;
  /** The original's ETag: its MD5, or a multipart upload's; reported even when a rule's output replaces it. */
  etag: string;
}

/** Runs the rules on an upload, then stores the original (unless a rule replaces it) and every output. */
export async function processUpload(
  exchange: Exchange,
  context: ImageContext,
  work: Plan,
  upload: UploadToProcess,
): Promise<ProcessedUpload> {
  const { store, key, input } = upload;
  // Handled here, before anything is awaited: a failed write is reported where it is used.
  upload.staged.catch(() => undefined);
  let committed = false;
  try {
    const [imageInfo, outputs] = await runRules(context, store.name, input, work, exchange.signal);
    const overwritten = work.rules.some((r) => r.bucket === store.name && r.key === key);
    committed = !overwritten;
    // The original's commit and the outputs' writes wait on different fsyncs: neither waits for the other.
    const [, processed] = await Promise.all([
      overwritten
        ? undefined
        : upload.staged.then((staged) => store.commit(key, staged, upload.attributes, upload.etag)),
      storeOutputs(
        exchange.signal,
        context,
        { bucket: store.name, key, etag: upload.etag, imageInfo },
        outputs,
      ),
    ]);
    exchange.res.setHeader("ETag", upload.etag);
    return processed;
  } finally {
    if (!committed)
      await upload.staged.then(
        (staged) => store.discard(staged),
        () => undefined,
      );
  }
}

/** PUT with `Pic-Operations`: the image is needed whole, so the body is buffered (at most 32 MB). */
export async function putWithPicOperations(
  exchange: Exchange,
  context: ImageContext,
  store: BucketStore,
  key: string,
  query: readonly QueryPair[],
  header: string,
): Promise<void> {
  const length = requireContentLength(exchange);
  checkTrafficLimit(exchange, query);
  const md5 = expectedMd5(exchange);
  const work = planPicOperations(context, header, store.name, key);
  if (length > MAX_PROCESSING_INPUT_BYTES) throw inputTooLarge(length);
  const received = await readHashedBody(exchange.req, length);
  if (md5 && !md5.equals(received.md5)) throw badDigest();
  const processed = await processUpload(exchange, context, work, {
    store,
    key,
    input: received.bytes,
    staged: store.stage(received, exchange.signal),
    attributes: attributesFrom(exchange.req.headers),
    etag: `"${received.md5.toString("hex")}"`,
  });
  answerUploadResult(exchange, context, { bucket: store.name, key }, processed);
}

/**
 * The rules of a Pic-Operations header applied to an object already in the bucket: what
 * `POST ?image_process` answers with, and what each object of a CI batch job goes through.
 */
export async function processStoredKey(
  context: ImageContext,
  store: BucketStore,
  key: string,
  header: string,
  signal: AbortSignal,
): Promise<ProcessedUpload> {
  const work = planPicOperations(context, header, store.name, key);
  const read = await readForProcessing(store, key);
  if (!read) throw noSuchKey();
  const { object, data: input } = read;
  const [imageInfo, outputs] = await runRules(context, store.name, input, work, signal);
  return storeOutputs(signal, context, { bucket: store.name, key, etag: object.etag, imageInfo }, outputs);
}

/** POST `?image_process`: the same rules applied to an object already in the bucket. */
export async function processStoredObject(
  exchange: Exchange,
  context: ImageContext,
  store: BucketStore,
  key: string,
  header: string | undefined,
): Promise<void> {
  if (header === undefined) {
    throw new CosFailure(400, "InvalidArgument", "POST ?image_process needs a Pic-Operations header.");
  }
  const processed = await processStoredKey(context, store, key, header, exchange.signal);
  answerUploadResult(exchange, context, { bucket: store.name, key }, processed);
}
