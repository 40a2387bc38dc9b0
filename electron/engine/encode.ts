import { PicopsError } from "../../shared/errors";
import { encodeBmp } from "./bmp";
import { type FormatName, IMAGE_FORMATS } from "./formats";
import { assertResolution, WEBP_MAX_SIDE } from "./limits";
import { canvasHasAlpha, openCanvas, renderPicture, runPass, type WorkCanvas } from "./picture";
import { OPTIMISED_JPEG_MAX_PIXELS } from "./plan";

export interface EncodeSettings {
  format: FormatName;
  quality: number;
  progressive: boolean;
  /** imageSlim: a PNG is written with a palette (quantised), as compression tools do. */
  slim?: boolean;
  /** The encoders' least effort (WebP, AVIF): for previews, never for what is stored. */
  quick?: boolean;
}

export interface Encoded {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Writes the final pixels in the output format. A pending last operation runs in the same
 * pass as the encoder (one full-size buffer fewer), unless its transparent pixels must be
 * flattened onto white first: sharp flattens before its other operations, so that pass runs
 * on its own.
 */
export async function encodeCanvas(
  canvas: WorkCanvas,
  settings: EncodeSettings,
  signal: AbortSignal | undefined,
): Promise<Encoded> {
  const { width, height } = canvas;
  assertResolution(width, height);
  const { format, quality } = settings;
  const flattens = !IMAGE_FORMATS[format].alpha && canvasHasAlpha(canvas);
  if (format === "bmp" || (flattens && canvas.kind === "pending")) {
    const picture = await renderPicture(canvas, signal);
    if (format === "bmp") {
      return { data: await encodeBmp(picture, signal), width: picture.width, height: picture.height };
    }
    return encodeCanvas(picture, settings, signal);
  }
  let pipeline = canvas.kind === "pending" ? canvas.pipeline : openCanvas(canvas);
  if (flattens) pipeline = pipeline.flatten({ background: "#ffffff" });
  switch (format) {
    case "jpg":
      pipeline = pipeline.jpeg({
        quality,
        progressive: settings.progressive,
        optimiseCoding: width * height <= OPTIMISED_JPEG_MAX_PIXELS,
      });
      break;
    case "png":
      pipeline = pipeline.png({ palette: settings.slim === true });
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
  const { data, info } = await runPass(pipeline.toBuffer({ resolveWithObject: true }), signal);
  return { data, width: info.width, height: info.height };
}

/**
 * `size-limit/<n>k|m`: the highest JPEG quality (at most the rule's) whose output fits in
 * `maxBytes`, or quality 1 when none does. The pixels are settled once and encoded again
 * at each quality tried (a bisection: at most seven encodes).
 */
export async function encodeWithinSize(
  canvas: WorkCanvas,
  settings: EncodeSettings,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<Encoded & { quality: number }> {
  const picture = await renderPicture(canvas, signal);
  const at = async (quality: number) => ({
    ...(await encodeCanvas(picture, { ...settings, quality }, signal)),
    quality,
  });
  const first = await at(settings.quality);
  if (first.data.length <= maxBytes) return first;
  let low = 1;
  let high = settings.quality - 1;
  let fitting: (Encoded & { quality: number }) | undefined;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const tried = await at(middle);
    if (tried.data.length <= maxBytes) {
      fitting = tried;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return fitting ?? at(1);
}

export function heifNotSupported(): PicopsError {
  return new PicopsError("not-supported-locally", "heif-not-local");
}
