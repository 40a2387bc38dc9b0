import sharp, { type Sharp } from "sharp";
import { PicopsError } from "../../shared/errors";
import type { Mogr2Op, Stage } from "../../shared/rules/ast";
import type { FormatName } from "./formats";
import { cropRect, cutRect, type Rect, type Size, thumbnailSize } from "./geometry";
import { assertResolution } from "./limits";
import { ENGINE_MEMORY } from "./memory-budget";
import { DECODE_OPTIONS, runPass } from "./picture";
import { paddedBox, regionRect, type StageSettings, stageSettings } from "./plan";
import { OUTPUT_SETTINGS } from "./settings";
import type { SourceImage } from "./source";

/**
 * Animations (GIF, animated WebP) stay animated when the output format can animate: each
 * operation then runs on every frame, as CI runs it. libvips cannot turn a multi-page image
 * by an arbitrary angle, so rotate (other than 180°) and the operations that only make sense
 * on one picture (radius masks, watermarks, imageView2's crops) are refused as not supported
 * locally rather than applied to one frame. Written to a static format (JPEG, PNG, …), an
 * animation is its first frame, processed like any still image.
 */
export function isAnimatedRun(source: SourceImage, format: FormatName): boolean {
  return source.frameCount > 1 && (format === "gif" || format === "webp");
}

/**
 * The animation between operations: lossless animated WebP, which keeps every frame, its
 * alpha and its timing exactly, and which libvips reads back as pages it processes one by one.
 */
interface Strip {
  data: Buffer;
  width: number;
  frameHeight: number;
  frames: number;
}

export interface AnimatedOutput extends Size {
  data: Buffer;
}

function refuse(operation: string): never {
  throw new PicopsError("not-supported-locally", "animated-not-local", { operation });
}

function openStrip(strip: Strip): Sharp {
  return sharp(strip.data, { pages: strip.frames, ...DECODE_OPTIONS });
}

async function runStrip(
  pipeline: Sharp,
  frames: number,
  timing: { delay?: number[]; loop?: number },
  signal: AbortSignal | undefined,
): Promise<Strip> {
  const { data, info } = await runPass(
    pipeline.webp({ lossless: true, ...timing }).toBuffer({ resolveWithObject: true }),
    signal,
  );
  return { data, width: info.width, frameHeight: info.pageHeight ?? info.height / frames, frames };
}

/** One imageMogr2 operation on every frame; undefined when it leaves the frames as they are. */
function frameOp(op: Mogr2Op, strip: Strip, settings: StageSettings, upright: boolean): Sharp | undefined {
  const size: Size = { width: strip.width, height: strip.frameHeight };
  const extract = (rect: Rect) => openStrip(strip).extract(rect);
  switch (op.op) {
    case "thumbnail": {
      const box = paddedBox(op, settings);
      const next = thumbnailSize(size, op.geometry);
      // COS never enlarges an animation (reference §7.1).
      if (next.width * next.height > size.width * size.height && !box) return undefined;
      const inside = next.width * next.height > size.width * size.height ? size : next;
      assertResolution(inside.width, inside.height * strip.frames);
      const resized = openStrip(strip).resize(inside.width, inside.height, { fit: "fill" });
      if (!box) return resized;
      const left = Math.floor((box.width - inside.width) / 2);
      const top = Math.floor((box.height - inside.height) / 2);
      return resized.extend({
        left,
        top,
        right: box.width - inside.width - left,
        bottom: box.height - inside.height - top,
        background: settings.color,
      });
    }
    case "crop":
      return extract(cropRect(size, op.width, op.height, settings.gravity, settings.dx, settings.dy));
    case "cut":
      return extract(cutRect(size, { width: op.width, height: op.height, left: op.dx, top: op.dy }));
    case "rcrop":
      return extract(regionRect(size, op, settings));
    case "flip":
      return op.direction === "vertical" ? openStrip(strip).flip() : openStrip(strip).flop();
    case "rotate": {
      const turn = ((op.degrees % 360) + 360) % 360;
      if (turn === 0) return undefined;
      if (turn === 180) return openStrip(strip).flip().flop();
      return refuse("rotate");
    }
    case "auto-orient":
      // Frames carry no EXIF orientation of their own: an upright animation stays as it is.
      return upright ? undefined : refuse("auto-orient");
    case "blur":
      return openStrip(strip).blur(Math.max(0.3, op.sigma));
    case "sharpen":
      return openStrip(strip).sharpen({ sigma: Math.max(0.01, op.amount / 100) });
    case "bright":
      return openStrip(strip).linear(
        [1, 1, 1, 1],
        [(op.amount / 100) * 255, (op.amount / 100) * 255, (op.amount / 100) * 255, 0],
      );
    case "contrast": {
      const slope = Math.max(0, 1 + op.amount / 100);
      const offset = 128 * (1 - slope);
      return openStrip(strip).linear([slope, slope, slope, 1], [offset, offset, offset, 0]);
    }
    case "grayscale": {
      if (!op.enabled) return undefined;
      const row: [number, number, number, number] = [0.299, 0.587, 0.114, 0];
      return openStrip(strip).recomb([row, row, row, [0, 0, 0, 1]]);
    }
    default:
      return refuse(op.op === "unknown" ? op.name : op.op);
  }
}

export async function animatedOutput(
  source: SourceImage,
  stages: Stage[],
  settings: { format: FormatName; quality: number; gifFrames: number | undefined },
  signal: AbortSignal | undefined,
): Promise<AnimatedOutput> {
  // Only GIF and WebP animate, and both stay encoded until here (BMP is the one decoded early).
  if (source.canvas.kind !== "encoded") throw new PicopsError("internal", "animation-decoded-early");
  for (const stage of stages) {
    if (stage.kind !== "imageMogr2" && stage.kind !== "imageSlim") refuse(stage.kind);
  }
  // cgif (CI's page): a GIF keeps at most that many frames, the first ones.
  const frames =
    source.format === "gif" && settings.format === "gif" && settings.gifFrames !== undefined
      ? Math.min(source.frameCount, settings.gifFrames)
      : source.frameCount;
  // Frames stay within the source's size (animations are never enlarged; pad stays within
  // its box, which thumbnail's limits bound): a pass holds every frame in and out, RGBA.
  const largest = Math.max(source.width * source.height, ...stages.flatMap(paddedArea));
  const release = await ENGINE_MEMORY.reserve(largest * frames * 4 * 2, signal);
  try {
    const input = source.canvas.input;
    const { delay, loop } = await sharp(input, { pages: frames, ...DECODE_OPTIONS }).metadata();
    const timing = {
      ...(delay ? { delay: delay.slice(0, frames) } : {}),
      ...(loop !== undefined ? { loop } : {}),
    };
    let strip: Strip = { data: input, width: source.width, frameHeight: source.height, frames };
    const upright = source.orientation <= 1;
    for (const stage of stages) {
      if (stage.kind !== "imageMogr2") continue;
      const stageSetting = stageSettings(stage.ops);
      for (const op of stage.ops) {
        if (OUTPUT_SETTINGS.has(op.op)) continue;
        const pass = frameOp(op, strip, stageSetting, upright);
        if (pass) strip = await runStrip(pass, frames, timing, signal);
      }
    }
    assertResolution(strip.width, strip.frameHeight, frames);
    const output =
      settings.format === "gif"
        ? openStrip(strip).gif(timing)
        : openStrip(strip).webp({ quality: settings.quality, ...timing });
    const data = await runPass(output.toBuffer(), signal);
    return { data, width: strip.width, height: strip.frameHeight };
  } finally {
    release();
  }
}

/** The area of the boxes pad/1 fills, which may exceed the source's frames. */
function paddedArea(stage: Stage): number[] {
  if (stage.kind !== "imageMogr2") return [];
  const settings = stageSettings(stage.ops);
  return stage.ops.flatMap((op) => {
    if (op.op !== "thumbnail") return [];
    const box = paddedBox(op, settings);
    return box ? [box.width * box.height] : [];
  });
}
