import sharp, { type Sharp } from "sharp";
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

export type Canvas = Picture | EncodedSource;

export function canvasHasAlpha(canvas: Canvas): boolean {
  return canvas.kind === "raw" ? canvas.channels === 4 : canvas.hasAlpha;
}

/** A sharp pipeline reading the canvas; decoding refuses more pixels than COS accepts. */
export function openCanvas(canvas: Canvas): Sharp {
  if (canvas.kind === "raw") {
    return sharp(canvas.data, {
      raw: { width: canvas.width, height: canvas.height, channels: canvas.channels },
    });
  }
  return sharp(canvas.input, { limitInputPixels: ENGINE_LIMITS.maxPixels, failOn: "error" });
}

/** Runs a pipeline to raw pixels on libuv's thread pool. */
export async function runToPicture(pipeline: Sharp, signal: AbortSignal | undefined): Promise<Picture> {
  const { data, info } = await untilAborted(pipeline.raw().toBuffer({ resolveWithObject: true }), signal);
  if (info.channels === 3 || info.channels === 4) {
    return { kind: "raw", data, width: info.width, height: info.height, channels: info.channels };
  }
  // Grey results (1–2 channels) are widened once so every later pass sees RGB(A).
  const raw = { width: info.width, height: info.height, channels: info.channels };
  return runToPicture(sharp(data, { raw }).toColourspace("srgb"), signal);
}
