import sharp from "sharp";
import { ENGINE_MEMORY } from "./memory-budget";
import { canvasHasAlpha, DECODE_OPTIONS, openCanvas, type Picture, runPass } from "./picture";
import { sumRgb } from "./rgb-sums";
import type { SourceImage } from "./source";

/**
 * A JPEG decoded at 1/8 scale is its DC coefficients, the mean of each 8×8 block; a WebP
 * decoded smaller is area-averaged by libwebp. The mean of those means is the image's mean,
 * for an eighth of a full decode's work and a sixty-fourth of its memory, but for clamping:
 * a full decode clamps each pixel's colour, this read only each block's. On photographs that
 * is within a level; saturated one-pixel colour stripes, where a full decode clamps much,
 * measured up to 11 levels off in a 2000×1500 JPEG with 4:2:0 chroma, 13 in a WebP.
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
  if (!shrinkable) return everyPixelMean(source, signal);
  // The engine's decode options: a damaged file is refused here too, never averaged as grey.
  const shrunk = sharp(canvas.input, DECODE_OPTIONS)
    .resize(width, height, { fit: "fill" })
    .toColourspace("srgb")
    .raw();
  return meanColour(await runPass(shrunk.toBuffer({ resolveWithObject: true }), signal));
}

/**
 * The mean of every pixel, from one decode to 8-bit sRGB (sharp's raw output: 16-bit and
 * CMYK inputs converted, grey kept grey). sharp's `stats()` would give it too, but computes
 * entropy, sharpness and the dominant colour in passes of their own: 510 against 195 ms of
 * CPU for a 12 MP PNG. The decoded pixels are held whole, so they wait for room in the
 * engine's memory budget like a rule's.
 */
async function everyPixelMean(source: SourceImage, signal: AbortSignal | undefined): Promise<string> {
  const bytes = source.width * source.height * (canvasHasAlpha(source.canvas) ? 4 : 3);
  const release = await ENGINE_MEMORY.reserve(bytes, signal);
  try {
    const decoded = openCanvas(source.canvas).raw().toBuffer({ resolveWithObject: true });
    return meanColour(await runPass(decoded, signal));
  } finally {
    release();
  }
}

/** COS's `Ave` of an original decoded whole (process.ts's `decodesWhole`). */
export function averageOfPicture(picture: Picture): string {
  return meanColour({ data: picture.data, info: picture });
}

/** The mean of raw 8-bit pixels; a grey picture's one colour channel stands for all three. */
function meanColour({ data, info }: { data: Buffer; info: { channels: number } }): string {
  const { channels } = info;
  const pixels = data.length / channels;
  if (channels < 3) {
    let grey = 0;
    for (let at = 0; at < data.length; at += channels) grey += data[at] as number;
    return hexColour([grey / pixels, grey / pixels, grey / pixels]);
  }
  const { red, green, blue } = sumRgb(data, channels === 3 ? 3 : 4);
  return hexColour([red / pixels, green / pixels, blue / pixels]);
}

function hexColour(means: number[]): string {
  return `0x${means.map((mean) => Math.round(mean).toString(16).padStart(2, "0")).join("")}`;
}
