import { crc32 } from "node:zlib";
import type { FormatName } from "./formats";

/**
 * `density/<dpi>` (CI's image density): the pixels per inch an output records, written
 * into the encoded bytes like the EXIF block is (exif.ts), so no pass and no copy of the
 * metadata is needed: JPEG's JFIF header, PNG's pHYs chunk. Other containers record none.
 */
export function withDensity(format: FormatName, encoded: Buffer, dpi: number): Buffer {
  if (format === "jpg") return jpegWithDensity(encoded, dpi);
  if (format === "png") return pngWithDensity(encoded, dpi);
  return encoded;
}

const JFIF = Buffer.from("JFIF\0", "latin1");

/**
 * JFIF's APP0 right after SOI: FFD8 FFE0 <length> "JFIF\0" <version> <units> <x> <y> …;
 * rewritten when the encoder wrote one, added when it did not.
 */
function jpegWithDensity(jpeg: Buffer, dpi: number): Buffer {
  const density = Math.min(dpi, 0xffff);
  if (jpeg.readUInt16BE(2) === 0xffe0 && jpeg.subarray(6, 11).equals(JFIF)) {
    const copy = Buffer.from(jpeg);
    copy[13] = 1; // dots per inch
    copy.writeUInt16BE(density, 14);
    copy.writeUInt16BE(density, 16);
    return copy;
  }
  const app0 = Buffer.alloc(18);
  app0.writeUInt16BE(0xffe0, 0);
  app0.writeUInt16BE(16, 2);
  JFIF.copy(app0, 4);
  app0.writeUInt16BE(0x0102, 9); // JFIF 1.02
  app0[11] = 1;
  app0.writeUInt16BE(density, 12);
  app0.writeUInt16BE(density, 14);
  return Buffer.concat([jpeg.subarray(0, 2), app0, jpeg.subarray(2)]);
}

function pngWithDensity(png: Buffer, dpi: number): Buffer {
  const data = Buffer.alloc(9);
  const perMetre = Math.round(dpi / 0.0254);
  data.writeUInt32BE(perMetre, 0);
  data.writeUInt32BE(perMetre, 4);
  data[8] = 1; // the unit is the metre
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(9, 0);
  chunk.write("pHYs", 4, "latin1");
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 17)), 17);
  // Replaces a pHYs the encoder wrote; else goes right after IHDR (8 + 25 bytes in).
  let at = 8;
  while (at + 8 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    if (type === "pHYs") return Buffer.concat([png.subarray(0, at), chunk, png.subarray(at + 12 + length)]);
    if (type === "IDAT" || type === "IEND") break;
    at += 12 + length;
  }
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}
