import type { SniffedFormat } from "./sniff";

/** How many bytes from the end of a file the trailer checks need. */
export const TRAILER_BYTES = 16;

/**
 * Whether a file ends the way its format says files end: a JPEG with its EOI marker, a
 * PNG with its IEND chunk, a GIF with its trailer, a RIFF/WebP as long as its header
 * declares. This catches the usual damage — a file cut short by a failed copy or
 * download — without decoding a single pixel. Deeper damage is reported by COS itself.
 */
export function truncationProblem(
  format: SniffedFormat,
  head: Uint8Array,
  tail: Uint8Array,
  size: number,
): string | undefined {
  const endsWith = (...bytes: number[]) =>
    bytes.every((byte, i) => tail[tail.length - bytes.length + i] === byte);
  switch (format) {
    case "jpeg":
      // Some encoders pad after EOI; accept it anywhere in the last bytes.
      return tail.some((byte, i) => byte === 0xff && tail[i + 1] === 0xd9)
        ? undefined
        : "it ends before the image data does";
    case "png":
      return endsWith(0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82)
        ? undefined
        : "it ends before its last chunk";
    case "gif":
      return endsWith(0x3b) ? undefined : "it ends before its trailer";
    case "webp": {
      const declared =
        ((head[4] ?? 0) | ((head[5] ?? 0) << 8) | ((head[6] ?? 0) << 16) | ((head[7] ?? 0) << 24)) >>> 0;
      return size >= declared + 8
        ? undefined
        : `it is ${declared + 8 - size} bytes shorter than its header says`;
    }
    default:
      return undefined;
  }
}
