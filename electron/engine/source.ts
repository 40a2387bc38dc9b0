import sharp, { type Metadata } from "sharp";
import { PicopsError, ThrownAppError } from "../../shared/errors";
import { untilAborted } from "./abort";
import { decodeBmp, isBmp } from "./bmp";
import type { FormatName } from "./formats";
import { estimateJpegQuality } from "./jpeg-quality";
import { assertResolution, ENGINE_LIMITS } from "./limits";
import type { Canvas } from "./picture";

/** What the engine learns about an input from its header, before decoding any pixel. */
export interface SourceImage {
  canvas: Canvas;
  format: FormatName;
  /** Size of one frame. */
  width: number;
  height: number;
  frameCount: number;
  /** Channels as stored, alpha included: 1 grey, 3 RGB, 4 CMYK or RGBA. */
  channels: number;
  bitDepth: number;
  /** Estimated from the JPEG tables; undefined for formats without a readable quality. */
  quality: number | undefined;
  /** EXIF Orientation, 0 when absent. */
  orientation: number;
  /** The EXIF block, if any. */
  exif: Buffer | undefined;
  /** Pixels per inch the file records (JFIF, pHYs, EXIF resolution), if any. */
  density: number | undefined;
}

/** The inputs Cloud Infinite processes (reference §8), by libvips loader name. */
export function cosFormat(metadata: Metadata): FormatName | undefined {
  switch (metadata.format) {
    case "jpeg":
      return "jpg";
    case "png":
    case "webp":
    case "gif":
      return metadata.format;
    case "heif":
      return metadata.compression === "av1" ? "avif" : "heif";
    default:
      return undefined;
  }
}

/**
 * Checks an input against COS's limits from its header alone: a decompression bomb is
 * refused before libvips allocates its pixels.
 */
export async function openSource(input: Buffer, signal: AbortSignal | undefined): Promise<SourceImage> {
  if (input.length > ENGINE_LIMITS.maxInputBytes) {
    throw new PicopsError("EntityTooLarge", "image-too-large", {
      megabytes: (input.length / 1024 / 1024).toFixed(1),
    });
  }
  if (isBmp(input)) return openBmp(input, signal);
  let metadata: Metadata;
  try {
    // Header only: no pixel limit applies yet, the dimensions are checked just below.
    metadata = await untilAborted(sharp(input, { limitInputPixels: false }).metadata(), signal);
  } catch (error) {
    if (error instanceof ThrownAppError) throw error;
    throw new PicopsError("InvalidImageFormat", "not-an-image");
  }
  const format = cosFormat(metadata);
  if (!format) {
    throw metadata.format
      ? new PicopsError("InvalidImageFormat", "format-not-processed", {
          format: metadata.format.toUpperCase(),
        })
      : new PicopsError("InvalidImageFormat", "not-an-image");
  }
  const frameCount = metadata.pages ?? 1;
  const width = metadata.width;
  const height = metadata.pageHeight ?? metadata.height;
  assertResolution(width, height, frameCount);
  return {
    canvas: { kind: "encoded", input, width, height, hasAlpha: metadata.hasAlpha },
    format,
    width,
    height,
    frameCount,
    channels: metadata.channels,
    bitDepth: bitDepthOf(metadata),
    quality: format === "jpg" ? estimateJpegQuality(input) : undefined,
    orientation: metadata.orientation ?? 0,
    exif: metadata.exif,
    density: metadata.density,
  };
}

function bitDepthOf(metadata: Metadata): number {
  if (typeof metadata.bitsPerSample === "number") return metadata.bitsPerSample;
  return metadata.depth === "ushort" || metadata.depth === "short" ? 16 : 8;
}

async function openBmp(input: Buffer, signal: AbortSignal | undefined): Promise<SourceImage> {
  const picture = await decodeBmp(input, signal);
  return {
    canvas: picture,
    format: "bmp",
    width: picture.width,
    height: picture.height,
    frameCount: 1,
    channels: picture.channels,
    bitDepth: 8,
    quality: undefined,
    orientation: 0,
    exif: undefined,
    density: undefined,
  };
}
