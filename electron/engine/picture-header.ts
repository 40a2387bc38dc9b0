import sharp, { type Metadata } from "sharp";
import type { KindFacts } from "../../shared/uploads/file-kinds";
import { untilAborted } from "./abort";
import { isBmp, readBmpHeader } from "./bmp";
import type { FormatName } from "./formats";
import { estimateJpegQuality } from "./jpeg-quality";
import { cosFormat } from "./source";

/**
 * What a plan knows of a picture without decoding it: enough to plan a rule's output
 * sizes on it, to tell its kind, and to make a small stand-in of the same kind.
 */
export interface PictureHeader extends KindFacts {
  format: FormatName;
  /** EXIF Orientation, 0 when absent. */
  orientation: number;
  /** A JPEG's estimated quality, when its tables were read. */
  quality: number | undefined;
}

function spaceOf(metadata: Metadata): PictureHeader["space"] {
  if (metadata.space === "cmyk") return "cmyk";
  if (metadata.space === "b-w" || metadata.space === "grey16") return "grey";
  return "srgb";
}

/**
 * Reads the header of a picture: `head` is its first bytes (enough for a JPEG's tables and
 * a BMP's header); `whole` what libvips reads the header from (a file's path, or the same
 * bytes when only they are at hand). Undefined when it is not a picture the engine reads,
 * or when the bytes end before the header does.
 */
export async function readPictureHeader(
  head: Buffer,
  whole: string | Buffer,
  signal?: AbortSignal,
): Promise<PictureHeader | undefined> {
  const reading = await readPictureHeaderOrFailure(head, whole, signal);
  return "header" in reading ? reading.header : undefined;
}

/** A header read, or libvips's own words on why it could not read one (a damaged file). */
export type PictureHeaderReading = { header: PictureHeader | undefined } | { failure: string };

/** As readPictureHeader, keeping libvips's reason when it cannot read the header at all. */
export async function readPictureHeaderOrFailure(
  head: Buffer,
  whole: string | Buffer,
  signal?: AbortSignal,
): Promise<PictureHeaderReading> {
  // libvips reads no BMP: its header is read here, and one of a kind the engine cannot
  // decode is simply not known (COS may still take it), not damaged.
  if (isBmp(head)) return { header: bmpHeader(head) };
  let metadata: Metadata;
  try {
    metadata = await untilAborted(sharp(whole, { limitInputPixels: false }).metadata(), signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    return { failure: (error as Error).message };
  }
  const format = cosFormat(metadata);
  if (!format) return { header: undefined };
  return {
    header: {
      format,
      width: metadata.width,
      height: metadata.pageHeight ?? metadata.height,
      frames: metadata.pages ?? 1,
      alpha: metadata.hasAlpha,
      space: spaceOf(metadata),
      orientation: metadata.orientation ?? 0,
      quality: format === "jpg" ? estimateJpegQuality(head) : undefined,
    },
  };
}

function bmpHeader(head: Buffer): PictureHeader | undefined {
  try {
    const { width, height, bitsPerPixel } = readBmpHeader(head);
    return {
      format: "bmp",
      width,
      height,
      frames: 1,
      alpha: bitsPerPixel === 32,
      space: "srgb",
      orientation: 0,
      quality: undefined,
    };
  } catch {
    return undefined;
  }
}
