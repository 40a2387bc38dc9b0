import sharp from "sharp";
import { PicopsError } from "../../shared/errors";
import { untilAborted } from "./abort";
import { encodeBmp } from "./bmp";
import { type FormatName, IMAGE_FORMATS } from "./formats";
import { assertResolution, WEBP_MAX_SIDE } from "./limits";
import type { Picture } from "./picture";

export interface EncodeSettings {
  format: FormatName;
  quality: number;
  progressive: boolean;
  /** The encoders' least effort (WebP, AVIF): for previews, never for what is stored. */
  quick?: boolean;
}

/** Writes the final pixels in the output format. */
export async function encodePicture(
  picture: Picture,
  settings: EncodeSettings,
  signal: AbortSignal | undefined,
): Promise<Buffer> {
  const { width, height, channels } = picture;
  assertResolution(width, height);
  const { format, quality } = settings;
  if (format === "bmp") return encodeBmp(picture, signal);
  let pipeline = sharp(picture.data, { raw: { width, height, channels } });
  if (!IMAGE_FORMATS[format].alpha && channels === 4) pipeline = pipeline.flatten({ background: "#ffffff" });
  switch (format) {
    case "jpg":
      pipeline = pipeline.jpeg({ quality, progressive: settings.progressive });
      break;
    case "png":
      pipeline = pipeline.png();
      break;
    case "webp":
      if (width > WEBP_MAX_SIDE || height > WEBP_MAX_SIDE) {
        throw new PicopsError("ImageResolutionExceed", "webp-side-too-long", {
          maxSide: WEBP_MAX_SIDE,
          width,
          height,
        });
      }
      pipeline = pipeline.webp(settings.quick ? { quality, effort: 0 } : { quality });
      break;
    case "gif":
      pipeline = pipeline.gif();
      break;
    case "avif":
      pipeline = pipeline.avif(settings.quick ? { quality, effort: 0 } : { quality });
      break;
    case "heif":
      throw heifNotSupported();
  }
  return untilAborted(pipeline.toBuffer(), signal);
}

export function heifNotSupported(): PicopsError {
  return new PicopsError("not-supported-locally", "heif-not-local");
}
