import sharp, { type Sharp } from "sharp";
import { checkRule } from "../../shared/rules/index";
import { throwIfAborted, untilAborted } from "./abort";
import { encodeBmp } from "./bmp";
import type { PictureHeader } from "./picture-header";
import { processImage } from "./process";

/** A small picture of the same kind as a real one, to try rules on. */
export interface StandIn {
  data: Buffer;
  /** Of one frame. */
  width: number;
  height: number;
}

/** The longest side of a stand-in: small enough that trying a rule on it takes moments. */
export const STAND_IN_MAX_SIDE = 256;
/** An animation's stand-in keeps at most this many frames: enough to be animated, few to run. */
const STAND_IN_MAX_FRAMES = 4;

/** The stand-in's size: the header's, scaled so that its longest side is at most STAND_IN_MAX_SIDE. */
function standInSize(header: Pick<PictureHeader, "width" | "height">): {
  width: number;
  height: number;
} {
  const scale = Math.min(1, STAND_IN_MAX_SIDE / Math.max(header.width, header.height, 1));
  return {
    width: Math.max(1, Math.round(header.width * scale)),
    height: Math.max(1, Math.round(header.height * scale)),
  };
}

/**
 * Photo-like pixels (smooth gradients with grain), so encoders treat the stand-in as they
 * treat a photo and byte sizes compare as they would on the real picture. Deterministic:
 * the same header always makes the same bytes.
 */
function photoLikePixels(width: number, height: number, frames: number, channels: 3 | 4): Buffer {
  const data = Buffer.alloc(width * height * frames * channels);
  let seed = 0x9e3779b9;
  const grain = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return (seed >>> 24) - 128;
  };
  for (let frame = 0; frame < frames; frame++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const at = ((frame * height + y) * width + x) * channels;
        const u = x / width;
        const v = y / height;
        data[at] = clamp(200 * u + 40 * frame + grain() / 6);
        data[at + 1] = clamp(90 + 120 * v + grain() / 6);
        data[at + 2] = clamp(220 - 160 * u * v + grain() / 6);
        // Transparent towards the right: real transparency, not an alpha channel left opaque.
        if (channels === 4) data[at + 3] = clamp(255 - 255 * u);
      }
    }
  }
  return data;
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}

/**
 * A small synthetic picture of the same kind as the header describes — same format, frames
 * (a few), alpha, colour space and orientation — for trying a rule without decoding the
 * real one. Undefined for a format the engine cannot write (HEIF): nothing stands in for it.
 */
export async function makeStandIn(header: PictureHeader, signal?: AbortSignal): Promise<StandIn | undefined> {
  throwIfAborted(signal);
  if (header.format === "heif") return undefined;
  const { width, height } = standInSize(header);
  const frames = Math.min(header.frames, STAND_IN_MAX_FRAMES);
  const channels = header.alpha ? 4 : 3;
  const data = photoLikePixels(width, height, frames, channels);
  if (header.format === "bmp") {
    return { data: await encodeBmp({ kind: "raw", data, width, height, channels }, signal), width, height };
  }
  let image: Sharp = sharp(data, {
    raw: { width, height: height * frames, channels, ...(frames > 1 ? { pageHeight: height } : {}) },
  });
  if (header.orientation > 1) image = image.withMetadata({ orientation: header.orientation });
  const timing = frames > 1 ? { delay: Array.from({ length: frames }, () => 100), loop: 0 } : {};
  return { data: await untilAborted(encodeLike(image, header, timing).toBuffer(), signal), width, height };
}

/** Encodes in the header's format and colour space (the engine itself writes sRGB). */
function encodeLike(
  picture: Sharp,
  header: PictureHeader,
  timing: { delay?: number[]; loop?: number },
): Sharp {
  let image = picture;
  if (header.space === "cmyk") image = image.toColourspace("cmyk");
  if (header.space === "grey") image = image.toColourspace("b-w");
  switch (header.format) {
    case "jpg":
      image = image.jpeg({ quality: header.quality ?? 85 });
      break;
    case "png":
      image = image.png();
      break;
    case "webp":
      image = image.webp({ quality: 80, ...timing });
      break;
    case "gif":
      image = image.gif(timing);
      break;
    case "avif":
      image = image.avif({ quality: 50 });
      break;
  }
  return image;
}

const SHRINK_RULE = checkRule(`imageMogr2/thumbnail/${STAND_IN_MAX_SIDE}x${STAND_IN_MAX_SIDE}>`).pipeline;

/**
 * The real picture shrunk to a stand-in, by the engine (within its memory budget, a JPEG
 * shrunk on load): its own content, so the bytes a rule makes from it compare as they would
 * on the original. Frames, alpha, format and orientation stay; the colour space is put back.
 */
export async function shrinkToStandIn(
  input: Buffer,
  header: PictureHeader,
  signal?: AbortSignal,
): Promise<StandIn> {
  const shrunk = await processImage(input, SHRINK_RULE, { signal });
  const standIn = { data: shrunk.data, width: shrunk.width, height: shrunk.height };
  if (header.space === "srgb" || (header.format !== "jpg" && header.format !== "png")) return standIn;
  const frames = header.frames > 1 ? { pages: -1 } : {};
  const data = await untilAborted(encodeLike(sharp(shrunk.data, frames), header, {}).toBuffer(), signal);
  return { ...standIn, data };
}
