import { availableParallelism } from "node:os";
import type { Pipeline } from "../../shared/rules/ast";
import { checkRule } from "../../shared/rules/index";
import { FifoAllowance } from "../engine/fifo-allowance";
import { CosFailure } from "./failure";
import type { BucketStore, StoredObject } from "./store";
import { type StyleBook, unknownStyle } from "./styles";

/** What image processing needs from the server: its buckets, their styles, and its limits. */
export interface ImageContext {
  region: string;
  stores: ReadonlyMap<string, BucketStore>;
  styles: ReadonlyMap<string, StyleBook>;
  /** Images processed at once: see `inProcessingTurn`. */
  processingTurns: FifoAllowance;
}

/**
 * As many images at once as the machine has cores: enough to keep every core busy, few
 * enough that each image finishes at its own pace rather than all of them at the end.
 */
export function processingTurnsForThisMachine(): FifoAllowance {
  return new FifoAllowance(availableParallelism());
}

/**
 * Runs one image's processing in its turn. Requests that arrive together are processed in
 * the order they came, a core's worth at a time, rather than all at once: shared out, every
 * one of them would finish together at the end, and a client keeping a link busy would find
 * all its requests waiting for answers while the link stood idle. In turn, the first is
 * answered first, as COS answers requests that each have a server of their own.
 */
export async function inProcessingTurn<T>(
  context: ImageContext,
  signal: AbortSignal,
  work: () => Promise<T>,
): Promise<T> {
  const done = await context.processingTurns.take(1, signal);
  try {
    return await work();
  } finally {
    done();
  }
}

/** Cloud Infinite's input limit for processing (reference §5.1, §8). */
export const MAX_PROCESSING_INPUT_BYTES = 32 * 1024 * 1024;

export function inputTooLarge(size: number): CosFailure {
  return new CosFailure(
    400,
    "EntityTooLarge",
    `The image is ${size} bytes; Cloud Infinite processes inputs of at most 32 MB.`,
    -167,
  );
}

/** `<bucket>.cos.<region>.myqcloud.com/<key>`: COS's Location, without a scheme. */
export function locationOf(context: ImageContext, bucket: string, key: string): string {
  return `${bucket}.cos.${context.region}.myqcloud.com/${key}`;
}

/** An object's bytes for processing: undefined when missing, EntityTooLarge past 32 MB. */
export async function readForProcessing(
  store: BucketStore,
  key: string,
): Promise<{ object: StoredObject; data: Buffer } | undefined> {
  const read = await store.read(key, MAX_PROCESSING_INPUT_BYTES);
  if (read === "too-large") throw inputTooLarge(store.get(key)?.size ?? MAX_PROCESSING_INPUT_BYTES + 1);
  return read;
}

/** Parses a rule; a rule with errors is refused with the validator's own words. */
export function parseRuleOrFail(rule: string): Pipeline {
  const { pipeline, diagnostics } = checkRule(rule);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    throw new CosFailure(
      400,
      "InvalidArgument",
      `Invalid rule "${rule}": ${errors.map((d) => d.message).join("; ")}`,
    );
  }
  return pipeline;
}

/** Refuses up front a rule naming a style the bucket does not have, before anything is read or stored. */
export function checkStylesExist(pipeline: Pipeline, book: StyleBook | undefined): void {
  for (const stage of pipeline.stages) {
    if (stage.kind === "style" && book?.get(stage.name) === undefined) throw unknownStyle(stage.name);
  }
}

/** Engine options bound to one bucket: its styles, and watermark images from the local buckets. */
export function engineOptions(context: ImageContext, bucket: string, signal: AbortSignal) {
  return {
    signal,
    resolveStyle: async (name: string): Promise<Pipeline> => {
      const body = context.styles.get(bucket)?.get(name);
      if (body === undefined) throw unknownStyle(name);
      return parseRuleOrFail(body);
    },
    loadWatermarkImage: async (url: string): Promise<Buffer> => {
      // Watermark images are objects of a COS bucket (reference §7.5), named on any of its
      // origins (`<bucket>.cos.<region>.myqcloud.com`, `<bucket>.pic<region>.myqcloud.com`,
      // `*.tencentcos.cn`); here, of a local one.
      const match = /^https?:\/\/([a-z0-9-]+-\d+)\.[^/]+\/(.+)$/.exec(url);
      const store = match ? context.stores.get(match[1] as string) : undefined;
      const read = match && store ? await readForProcessing(store, decodeKey(match[2] as string)) : undefined;
      if (!read) {
        throw new CosFailure(
          400,
          "InvalidArgument",
          `The watermark image ${url} is not an object of a local bucket.`,
        );
      }
      return read.data;
    },
    loadWatermarkObject: async (key: string): Promise<Buffer> => {
      const store = context.stores.get(bucket);
      const read = store ? await readForProcessing(store, key) : undefined;
      if (!read) {
        throw new CosFailure(
          400,
          "InvalidArgument",
          `The watermark image ${key} is not an object of ${bucket}.`,
        );
      }
      return read.data;
    },
  };
}

function decodeKey(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
