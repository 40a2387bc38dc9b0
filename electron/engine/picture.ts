import sharp, { type Sharp } from "sharp";
import { PicopsError } from "../../shared/errors";
import { untilAborted } from "./abort";
import { ENGINE_LIMITS } from "./limits";

/** Decoded pixels between two passes: sRGB, 8 bits, 3 channels or 4 with alpha. */
export interface Picture {
  kind: "raw";
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

/**
 * The input before its first pass. Keeping it encoded lets the first operation run in the
 * same libvips pass as the decode, so a JPEG thumbnail uses shrink-on-load like a direct
 * sharp call does.
 */
export interface EncodedSource {
  kind: "encoded";
  input: Buffer;
  width: number;
  height: number;
  hasAlpha: boolean;
}

/**
 * The last operation, not run yet: if nothing follows, it runs in the encoder's pass, so
 * its output never exists as a second full-size buffer. Its size is the one computed
 * before it was built (plan.ts).
 */
export interface PendingPass {
  kind: "pending";
  pipeline: Sharp;
  width: number;
  height: number;
  hasAlpha: boolean;
}

/** A picture an operation can read. */
export type Canvas = Picture | EncodedSource;

/** A picture between operations. */
export type WorkCanvas = Canvas | PendingPass;

export function canvasHasAlpha(canvas: WorkCanvas): boolean {
  return canvas.kind === "raw" ? canvas.channels === 4 : canvas.hasAlpha;
}

/**
 * libvips refuses damaged data only at the level asked for; `warning` is sharp's advice for
 * untrusted input, and the one that refuses a JPEG whose data ends before its declared
 * size (libjpeg would fill the rest with grey and call it a warning).
 */
const FAIL_ON = "warning";

/** A sharp pipeline reading the canvas; decoding refuses more pixels than COS accepts. */
export function openCanvas(canvas: Canvas): Sharp {
  if (canvas.kind === "raw") {
    return sharp(canvas.data, {
      raw: { width: canvas.width, height: canvas.height, channels: canvas.channels },
      limitInputPixels: ENGINE_LIMITS.maxPixels,
    });
  }
  return sharp(canvas.input, { limitInputPixels: ENGINE_LIMITS.maxPixels, failOn: FAIL_ON });
}

/** Options for the other decoders of an input (animations, watermark images). */
export const DECODE_OPTIONS = { limitInputPixels: ENGINE_LIMITS.maxPixels, failOn: FAIL_ON } as const;

/**
 * libvips's own words for input it cannot decode. Anything else it says (cairo, memory,
 * an encoder) is a fault of the engine and stays one.
 */
const DAMAGED_INPUT =
  /(?:^|\b)(?:VipsJpeg|vipspng|VipsForeignLoad|gifload|webpload|heifload|pngload|jpegload|libspng|spng|heif: |Corrupt JPEG|premature end|truncated|Invalid (?:PNG|GIF|WebP)|bad (?:adaptive|huffman)|not a known file format|unsupported image format)/i;

/** Turns libvips's refusal of a damaged input into COS's InvalidImageFormat with a sentence. */
export function decodeFailure(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof PicopsError) return error;
  const reason = error.message.split("\n")[0]?.trim() ?? "";
  if (!DAMAGED_INPUT.test(error.message)) return error;
  return new PicopsError("InvalidImageFormat", "image-damaged", { reason });
}

/** Runs a sharp pass; a damaged input becomes InvalidImageFormat. */
export async function runPass<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  try {
    return await untilAborted(work, signal);
  } catch (error) {
    throw decodeFailure(error);
  }
}

/** Decodes a source at a small size (JPEG and WebP shrink on load), refusing damaged data. */
export async function assertDecodes(canvas: Canvas, signal: AbortSignal | undefined): Promise<void> {
  if (canvas.kind !== "encoded") return;
  await runPass(openCanvas(canvas).resize(256, 256, { fit: "inside" }).raw().toBuffer(), signal);
}

/** Runs a pipeline to raw pixels on libuv's thread pool. */
export async function runToPicture(pipeline: Sharp, signal: AbortSignal | undefined): Promise<Picture> {
  const { data, info } = await runPass(pipeline.raw().toBuffer({ resolveWithObject: true }), signal);
  if (info.channels === 3 || info.channels === 4) {
    return { kind: "raw", data, width: info.width, height: info.height, channels: info.channels };
  }
  // Grey results (1–2 channels) are widened once so every later pass sees RGB(A).
  const raw = { width: info.width, height: info.height, channels: info.channels };
  return runToPicture(sharp(data, { raw }).toColourspace("srgb"), signal);
}

/** Runs a pending pass so that another operation can read its output. */
export async function settle(canvas: WorkCanvas, signal: AbortSignal | undefined): Promise<Canvas> {
  return canvas.kind === "pending" ? runToPicture(canvas.pipeline, signal) : canvas;
}

/** A canvas as decoded pixels: a pending pass or the encoded source run to raw, raw pixels as they are. */
export async function renderPicture(canvas: WorkCanvas, signal: AbortSignal | undefined): Promise<Picture> {
  const settled = await settle(canvas, signal);
  return settled.kind === "raw" ? settled : runToPicture(openCanvas(settled), signal);
}

/** The pass an operation builds, left for the next operation or the encoder to run. */
export function pending(
  pipeline: Sharp,
  shape: { width: number; height: number; alpha: boolean },
): PendingPass {
  return { kind: "pending", pipeline, width: shape.width, height: shape.height, hasAlpha: shape.alpha };
}
