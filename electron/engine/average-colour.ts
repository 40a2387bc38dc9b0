import sharp, { type Sharp } from "sharp";
import { DECODE_OPTIONS, openCanvas, runPass } from "./picture";
import type { SourceImage } from "./source";

/**
 * A JPEG decoded at 1/8 scale is its DC coefficients, the mean of each 8×8 block; a WebP
 * decoded smaller is area-averaged by libwebp. The mean of those means is the image's mean,
 * for an eighth of a full decode's work and a sixty-fourth of its memory, but for clamping:
 * a full decode clamps each pixel's colour, this read only each block's. On photographs that
 * is within a level; saturated one-pixel colour stripes, where a full decode clamps much,
 * measured up to 11 levels off (on a 2000×1500 JPEG with 4:2:0 chroma).
 */
const SHRINK_ON_LOAD_FORMATS = new Set(["jpg", "webp"]);
/**
 * sharp decodes a JPEG at 1/8 only when asked for at least 9× less (8× exactly makes it
 * pick 1/4 to dodge libjpeg's rounding); the short resize after it keeps the mean.
 */
const SHRINK = 9;
/** Below this side a full decode is cheap, and partial edge blocks would weigh too much. */
const MIN_SHRUNK_SIDE = 32;

/** COS's `Ave`: the mean colour of the pixels as `0xrrggbb` (lowercase, like COS's samples). */
export async function averageColour(source: SourceImage, signal: AbortSignal | undefined): Promise<string> {
  const { canvas } = source;
  const width = Math.floor(source.width / SHRINK);
  const height = Math.floor(source.height / SHRINK);
  const shrinkable =
    canvas.kind === "encoded" &&
    SHRINK_ON_LOAD_FORMATS.has(source.format) &&
    // Resizing premultiplies alpha, which would darken the colour under transparent pixels.
    !canvas.hasAlpha &&
    source.frameCount === 1 &&
    Math.min(width, height) >= MIN_SHRUNK_SIDE;
  // libvips reports a 16-bit image's statistics in 16-bit levels; COS's Ave is in 8-bit ones.
  if (!shrinkable) return statsMean(openCanvas(canvas), source.bitDepth === 16 ? 255 / 65535 : 1, signal);
  // The engine's decode options: a damaged file is refused here too, never averaged as grey.
  const shrunk = sharp(canvas.input, DECODE_OPTIONS)
    .resize(width, height, { fit: "fill" })
    .toColourspace("srgb")
    .raw();
  const { data, info } = await runPass(shrunk.toBuffer({ resolveWithObject: true }), signal);
  let red = 0;
  let green = 0;
  let blue = 0;
  for (let at = 0; at < data.length; at += info.channels) {
    red += data[at] as number;
    green += data[at + 1] as number;
    blue += data[at + 2] as number;
  }
  const pixels = info.width * info.height;
  return hexColour([red / pixels, green / pixels, blue / pixels]);
}

async function statsMean(pipeline: Sharp, scale: number, signal: AbortSignal | undefined): Promise<string> {
  const { channels } = await runPass(pipeline.stats(), signal);
  // A grey image has one colour channel (plus alpha): it stands for all three.
  const colour = channels.length >= 3 ? channels.slice(0, 3) : [channels[0], channels[0], channels[0]];
  return hexColour(colour.map((channel) => (channel?.mean ?? 0) * scale));
}

function hexColour(means: number[]): string {
  return `0x${means.map((mean) => Math.round(mean).toString(16).padStart(2, "0")).join("")}`;
}
