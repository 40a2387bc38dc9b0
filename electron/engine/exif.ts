import { crc32 } from "node:zlib";
import type { FormatName } from "./formats";

/**
 * EXIF survives processing unless the rule says `strip` (reference §7.3). Passes between
 * operations run on raw pixels, which carry no metadata, so the original's EXIF block is
 * kept aside and written into the encoded output here.
 */

const EXIF_HEADER = Buffer.from("Exif\0\0", "latin1");
const ORIENTATION_TAG = 0x0112;

/** The TIFF structure of an EXIF block, without the `Exif\0\0` prefix JPEG's APP1 adds. */
export function exifTiff(exif: Buffer): Buffer {
  return exif.subarray(0, 6).equals(EXIF_HEADER) ? exif.subarray(6) : exif;
}

/** A copy of the block with IFD0's Orientation set (auto-orient resets it to 1). */
export function withOrientation(tiff: Buffer, orientation: number): Buffer {
  const copy = Buffer.from(tiff);
  if (copy.length < 8) return copy;
  const little = copy.toString("latin1", 0, 2) === "II";
  const u16 = (at: number) => (little ? copy.readUInt16LE(at) : copy.readUInt16BE(at));
  const ifd0 = little ? copy.readUInt32LE(4) : copy.readUInt32BE(4);
  if (ifd0 + 2 > copy.length) return copy;
  const count = u16(ifd0);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > copy.length) break;
    if (u16(entry) === ORIENTATION_TAG) {
      if (little) copy.writeUInt16LE(orientation, entry + 8);
      else copy.writeUInt16BE(orientation, entry + 8);
    }
  }
  return copy;
}

/** The encoded image with the EXIF block embedded, for the containers that carry one. */
export function embedExif(format: FormatName, encoded: Buffer, tiff: Buffer): Buffer {
  if (format === "jpg") return embedInJpeg(encoded, tiff);
  if (format === "png") return embedInPng(encoded, tiff);
  if (format === "webp") return embedInWebp(encoded, tiff);
  return encoded;
}

function embedInJpeg(jpeg: Buffer, tiff: Buffer): Buffer {
  const payloadLength = EXIF_HEADER.length + tiff.length + 2;
  // An APP1 segment cannot hold more; such a block is dropped rather than corrupting the file.
  if (payloadLength > 0xffff) return jpeg;
  const segment = Buffer.alloc(2 + payloadLength);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(payloadLength, 2);
  EXIF_HEADER.copy(segment, 4);
  tiff.copy(segment, 4 + EXIF_HEADER.length);
  // After JFIF's APP0 when there is one, as both specifications expect.
  let at = 2;
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) at = 4 + jpeg.readUInt16BE(4);
  return Buffer.concat([jpeg.subarray(0, at), segment, jpeg.subarray(at)]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, "latin1");
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

function embedInPng(png: Buffer, tiff: Buffer): Buffer {
  // eXIf must come before the first IDAT.
  let at = 8;
  while (at + 8 <= png.length && png.toString("latin1", at + 4, at + 8) !== "IDAT") {
    at += 12 + png.readUInt32BE(at);
  }
  return Buffer.concat([png.subarray(0, at), pngChunk("eXIf", tiff), png.subarray(at)]);
}

function riffChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(8 + data.length + (data.length % 2));
  chunk.write(type, 0, "latin1");
  chunk.writeUInt32LE(data.length, 4);
  data.copy(chunk, 8);
  return chunk;
}

const VP8X_EXIF = 0x08;
const VP8X_ALPHA = 0x10;

function embedInWebp(webp: Buffer, tiff: Buffer): Buffer {
  const first = webp.toString("latin1", 12, 16);
  let body: Buffer;
  if (first === "VP8X") {
    body = Buffer.from(webp.subarray(12));
    body[8] = (body[8] ?? 0) | VP8X_EXIF;
  } else {
    // A simple (VP8/VP8L) file must become an extended one to carry metadata.
    const { width, height, alpha } = simpleWebpInfo(webp, first);
    const header = Buffer.alloc(10);
    header[0] = VP8X_EXIF | (alpha ? VP8X_ALPHA : 0);
    header.writeUIntLE(width - 1, 4, 3);
    header.writeUIntLE(height - 1, 7, 3);
    body = Buffer.concat([riffChunk("VP8X", header), webp.subarray(12)]);
  }
  const chunks = Buffer.concat([body, riffChunk("EXIF", tiff)]);
  const riff = Buffer.alloc(12);
  riff.write("RIFF", 0, "latin1");
  riff.writeUInt32LE(4 + chunks.length, 4);
  riff.write("WEBP", 8, "latin1");
  return Buffer.concat([riff, chunks]);
}

function simpleWebpInfo(webp: Buffer, chunk: string): { width: number; height: number; alpha: boolean } {
  const data = 20;
  if (chunk === "VP8L") {
    const bits = webp.readUInt32LE(data + 1);
    return {
      width: (bits & 0x3fff) + 1,
      height: ((bits >>> 14) & 0x3fff) + 1,
      alpha: ((bits >>> 28) & 1) === 1,
    };
  }
  // VP8 key frame: 3-byte tag, 3-byte start code, then 14-bit width and height.
  return {
    width: webp.readUInt16LE(data + 6) & 0x3fff,
    height: webp.readUInt16LE(data + 8) & 0x3fff,
    alpha: false,
  };
}
