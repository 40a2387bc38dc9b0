import sharp, { type Matrix3x3 } from "sharp";
import { PicopsError } from "../../shared/errors";
import { untilAborted } from "./abort";
import { assertResolution } from "./limits";
import { type Picture, runToPicture } from "./picture";

/**
 * BMP in and out: COS reads and writes BMP, libvips does neither. Rows are copied with
 * memcpy; the per-pixel work (BGR ↔ RGB, bottom-up ↔ top-down) runs in libvips passes so
 * nothing loops over pixels on the main thread.
 */

const FILE_HEADER = 14;
const INFO_HEADER = 40;
const SWAP_RED_BLUE: Matrix3x3 = [
  [0, 0, 1],
  [0, 1, 0],
  [1, 0, 0],
];

export function isBmp(input: Buffer): boolean {
  return input.length > FILE_HEADER + 16 && input[0] === 0x42 && input[1] === 0x4d;
}

/** 24-bit BI_RGB, bottom-up, alpha flattened onto white. */
export async function encodeBmp(picture: Picture, signal: AbortSignal | undefined): Promise<Buffer> {
  const { width, height } = picture;
  const bgr = await untilAborted(
    sharp(picture.data, { raw: { width, height, channels: picture.channels } })
      .flatten({ background: "#ffffff" })
      .recomb(SWAP_RED_BLUE)
      .flip()
      .raw()
      .toBuffer(),
    signal,
  );
  const rowBytes = width * 3;
  const stride = Math.ceil(rowBytes / 4) * 4;
  const header = Buffer.alloc(FILE_HEADER + INFO_HEADER);
  header.write("BM", 0, "latin1");
  header.writeUInt32LE(header.length + stride * height, 2);
  header.writeUInt32LE(header.length, 10);
  header.writeUInt32LE(INFO_HEADER, 14);
  header.writeInt32LE(width, 18);
  header.writeInt32LE(height, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  header.writeUInt32LE(stride * height, 34);
  // 72 dpi, in pixels per metre.
  header.writeInt32LE(2835, 38);
  header.writeInt32LE(2835, 42);
  if (stride === rowBytes) return Buffer.concat([header, bgr]);
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) bgr.copy(pixels, y * stride, y * rowBytes, (y + 1) * rowBytes);
  return Buffer.concat([header, pixels]);
}

export interface BmpHeader {
  width: number;
  height: number;
  bitsPerPixel: number;
}

/** Reads the header alone, so limits are checked before any pixel is touched. */
export function readBmpHeader(input: Buffer): BmpHeader {
  const infoSize = input.readUInt32LE(14);
  if (infoSize < INFO_HEADER || input.length < FILE_HEADER + INFO_HEADER) {
    throw new PicopsError("not-supported-locally", "bmp-os2-header");
  }
  return {
    width: input.readInt32LE(18),
    height: Math.abs(input.readInt32LE(22)),
    bitsPerPixel: input.readUInt16LE(28),
  };
}

/** Uncompressed 24- and 32-bit BMPs, the kinds image tools write. */
export async function decodeBmp(input: Buffer, signal: AbortSignal | undefined): Promise<Picture> {
  const { width, height, bitsPerPixel } = readBmpHeader(input);
  if (width <= 0 || height <= 0) throw new PicopsError("InvalidImageFormat", "bmp-no-pixels");
  assertResolution(width, height);
  const compression = input.readUInt32LE(30);
  const bitfields = compression === 3 && bitsPerPixel === 32;
  if (!((bitsPerPixel === 24 || bitsPerPixel === 32) && (compression === 0 || bitfields))) {
    throw new PicopsError("not-supported-locally", "bmp-variant-not-local", { bitsPerPixel, compression });
  }
  const channels = bitsPerPixel / 8;
  const rowBytes = width * channels;
  const stride = Math.ceil(rowBytes / 4) * 4;
  const offset = input.readUInt32LE(10);
  if (offset + stride * height > input.length) {
    throw new PicopsError("InvalidImageFormat", "bmp-truncated");
  }
  const rows = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++)
    input.copy(rows, y * rowBytes, offset + y * stride, offset + y * stride + rowBytes);
  // 32-bit BI_RGB leaves the fourth byte unused; only BITFIELDS with an alpha mask means alpha.
  const hasAlpha = bitfields && input.length >= 70 && input.readUInt32LE(66) === 0xff000000;
  let pipeline = sharp(rows, { raw: { width, height, channels: channels as 3 | 4 } });
  if (channels === 4 && !hasAlpha) pipeline = pipeline.removeAlpha();
  pipeline = pipeline.recomb(
    hasAlpha
      ? [
          [0, 0, 1, 0],
          [0, 1, 0, 0],
          [1, 0, 0, 0],
          [0, 0, 0, 1],
        ]
      : SWAP_RED_BLUE,
  );
  const bottomUp = input.readInt32LE(22) > 0;
  return runToPicture(bottomUp ? pipeline.flip() : pipeline, signal);
}
