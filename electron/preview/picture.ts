import sharp from "sharp";
import { PicopsError } from "../../shared/errors";
import { SNIFF_BYTES, sniffImageFormat } from "../../shared/images/sniff";
import { describeImage } from "../engine/index";

/** What the readout says about an image: COS's format name, MIME type and pixel size. */
export interface PictureFacts {
  format: string;
  mimeType: string;
  width: number;
  height: number;
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
    return { ...facts, width: description.width, height: description.height };
  }
  try {
    const { width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
    return { ...facts, width, height };
  } catch {
    throw new PicopsError("InvalidImageFormat", "sample-damaged");
  }
}
