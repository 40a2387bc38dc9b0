import sharp from "sharp";
import { PicopsError } from "../../shared/errors";
import { SNIFF_BYTES, sniffImageFormat } from "../../shared/images/sniff";
import { describeImage } from "../engine/index";

/** What the readout says about an image: COS's format name, MIME type and pixel size. */
export interface PictureFacts {
  format: string;
  mimeType: string;
  /** The pixels as stored, before any EXIF turn. */
  width: number;
  height: number;
  /** EXIF Orientation, 0 without a tag: a viewer shows the pixels turned by it. */
  orientation: number;
}

/**
 * Reads an image's facts from its header, without decoding pixels (a 24 MP original takes
 * a millisecond). BMP, which libvips cannot read, goes through the engine's own decoder.
 */
export async function readPicture(bytes: Buffer, signal?: AbortSignal): Promise<PictureFacts> {
  const sniffed = sniffImageFormat(bytes.subarray(0, SNIFF_BYTES));
  if (!sniffed) throw new PicopsError("InvalidImageFormat", "sample-not-image");
  const facts = { format: sniffed.toUpperCase(), mimeType: `image/${sniffed}` };
  if (sniffed === "bmp") {
    const description = await describeImage(bytes, signal ? { signal } : {});
    return { ...facts, width: description.width, height: description.height, orientation: 0 };
  }
  try {
    const { width, height, orientation } = await sharp(bytes, { limitInputPixels: false }).metadata();
    return { ...facts, width, height, orientation: orientation ?? 0 };
  } catch {
    throw new PicopsError("InvalidImageFormat", "sample-damaged");
  }
}
