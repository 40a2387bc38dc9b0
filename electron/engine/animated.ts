import sharp, { type Sharp } from "sharp";
import { PicopsError } from "../../shared/errors";
import type { Mogr2Op, Stage } from "../../shared/rules/ast";
import { eachFrame, openJoined, type StillRun, type Strip } from "./animated-frames";
import type { FormatName } from "./formats";
import { cropRect, cutRect, type Rect, type Size, thumbnailSize, view2Plan } from "./geometry";
import { assertResolution } from "./limits";
import { ENGINE_MEMORY } from "./memory-budget";
import { runMogr2Op } from "./mogr2";
import { DECODE_OPTIONS, runPass } from "./picture";
import { paddedBox, regionRect, rotatedSize, type StageSettings, stageSettings, uprightSize } from "./plan";
import { OUTPUT_SETTINGS } from "./settings";
import type { SourceImage } from "./source";
import { runView2 } from "./view2";
import { runWatermark, type WatermarkSources } from "./watermark";

/**
 * Animations (GIF, animated WebP) stay animated when the output format can animate: each
 * operation then runs on every frame, as CI runs it. What libvips runs on a multi-page image
 * runs on the whole strip in one pass; what it cannot (an oblique turn, radius masks,
 * watermarks, imageView2) runs as the still path runs it, frame by frame (animated-frames.ts).
 * Written to a static format (JPEG, PNG, …), an animation is its first frame, processed like
 * any still image.
 */
export function isAnimatedRun(source: SourceImage, format: FormatName): boolean {
  return source.frameCount > 1 && (format === "gif" || format === "webp");
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
function frameOp(op: Mogr2Op, strip: Strip, settings: StageSettings): Sharp | undefined {
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
      // Any other turn runs frame by frame (stillFrameOp).
      return undefined;
    }
    case "auto-orient":
      // An upright animation stays as it is; a turned one is turned frame by frame (stillFrameOp).
      return undefined;
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
    case "iradius":
    case "rradius":
      // Run frame by frame (stillFrameOp).
      return undefined;
    default:
      return refuse(op.op === "unknown" ? op.name : op.op);
  }
}

/**
 * The imageMogr2 operations libvips cannot run on a multi-page image, run as on a still.
 * `orientation` is the animation's EXIF orientation (frames carry none of their own), which
 * auto-orient turns every frame by.
 */
function stillFrameOp(
  op: Mogr2Op,
  settings: StageSettings,
  orientation: number,
  signal: AbortSignal | undefined,
) {
  const turn = op.op === "rotate" ? ((op.degrees % 360) + 360) % 360 : 0;
  const turned = op.op === "auto-orient" && orientation > 1;
  const perFrame = op.op === "iradius" || op.op === "rradius" || (turn !== 0 && turn !== 180) || turned;
  if (!perFrame) return undefined;
  const run: StillRun = (state) => runMogr2Op(op, { ...state, orientation }, settings, signal);
  return run;
}

/** A frame's size after an imageMogr2 operation, as frameOp and stillFrameOp make it. */
function frameOpSize(
  op: Mogr2Op,
  size: Size,
  settings: StageSettings,
  frames: number,
  orientation: number,
): Size {
  switch (op.op) {
    case "auto-orient":
      return uprightSize(size, orientation);
    case "thumbnail": {
      const box = paddedBox(op, settings);
      const next = thumbnailSize(size, op.geometry);
      // Checked before a larger frame is refused for an animation that is never enlarged.
      if (next.width * next.height <= size.width * size.height)
        assertResolution(next.width, next.height, frames);
      if (box) return box;
      return next.width * next.height > size.width * size.height ? size : next;
    }
    case "crop":
      return cropRect(size, op.width, op.height, settings.gravity, settings.dx, settings.dy);
    case "cut":
      return cutRect(size, { width: op.width, height: op.height, left: op.dx, top: op.dy });
    case "rcrop":
      return regionRect(size, op, settings);
    case "rotate":
      return rotatedSize(size, op.degrees);
    case "iradius":
      return { width: op.radius * 2, height: op.radius * 2 };
    default:
      return size;
  }
}

const areaOf = (size: Size) => size.width * size.height;

/**
 * The bytes the largest pass holds, every frame in and out as RGBA, computed from frame
 * sizes before any pixel exists (as plan.ts does for a still); a frame past COS's limits
 * is refused here.
 */
function animatedPeakBytes(stages: Stage[], source: Size & { orientation: number }, frames: number): number {
  let size: Size = source;
  let orientation = source.orientation;
  let peak = 0;
  const pass = (next: Size, held = 0) => {
    assertResolution(next.width, next.height, frames);
    peak = Math.max(peak, areaOf(size) + areaOf(next) + held);
    size = { width: next.width, height: next.height };
  };
  for (const stage of stages) {
    if (stage.kind === "imageMogr2") {
      const settings = stageSettings(stage.ops);
      for (const op of stage.ops) {
        if (OUTPUT_SETTINGS.has(op.op)) continue;
        pass(frameOpSize(op, size, settings, frames, orientation));
        if (op.op === "auto-orient" && orientation > 1) orientation = 1;
      }
    } else if (stage.kind === "imageView2") {
      const plan = view2Plan(size, stage);
      pass(plan.crop ?? plan.resize, areaOf(plan.resize));
    } else if (stage.kind === "watermark") {
      // The overlay is at most the picture's size.
      pass(size, areaOf(size));
    }
  }
  // The encoder's pass reads the last strip and writes the output.
  peak = Math.max(peak, areaOf(size) * 2);
  return peak * frames * 4;
}

/** A watermark image is fetched once for the whole animation, not once a frame. */
function fetchedOnce(sources: WatermarkSources): WatermarkSources {
  const cache = new Map<string, Promise<Buffer>>();
  const once = (kind: string, load: ((name: string) => Promise<Buffer>) | undefined) =>
    load &&
    ((name: string) => {
      const key = `${kind}:${name}`;
      const loading = cache.get(key) ?? load(name);
      cache.set(key, loading);
      return loading;
    });
  return {
    loadWatermarkImage: once("url", sources.loadWatermarkImage),
    loadWatermarkObject: once("key", sources.loadWatermarkObject),
  };
}

export async function animatedOutput(
  source: SourceImage,
  stages: Stage[],
  settings: { format: FormatName; quality: number; gifFrames: number | undefined },
  sources: WatermarkSources,
  signal: AbortSignal | undefined,
): Promise<AnimatedOutput> {
  // Only GIF and WebP animate, and both stay encoded until here (BMP is the one decoded early).
  if (source.canvas.kind !== "encoded") throw new PicopsError("internal", "animation-decoded-early");
  for (const stage of stages) {
    const runs = ["imageMogr2", "imageSlim", "imageView2", "watermark"].includes(stage.kind);
    if (!runs) refuse(stage.kind);
  }
  // cgif (CI's page): a GIF keeps at most that many frames, the first ones.
  const frames =
    source.format === "gif" && settings.format === "gif" && settings.gifFrames !== undefined
      ? Math.min(source.frameCount, settings.gifFrames)
      : source.frameCount;
  const peakBytes = animatedPeakBytes(stages, source, frames);
  const release = await ENGINE_MEMORY.reserve(peakBytes, signal);
  try {
    const input = source.canvas.input;
    const { delay, loop } = await sharp(input, { pages: frames, ...DECODE_OPTIONS }).metadata();
    const timing = {
      ...(delay ? { delay: delay.slice(0, frames) } : {}),
      ...(loop !== undefined ? { loop } : {}),
    };
    let strip: Strip = { data: input, width: source.width, frameHeight: source.height, frames };
    let orientation = source.orientation;
    const overlays = fetchedOnce(sources);
    const perFrame = async (run: StillRun) =>
      runStrip(openJoined(await eachFrame(strip, run, signal), frames), frames, timing, signal);
    for (const stage of stages) {
      if (stage.kind === "imageView2") strip = await perFrame((state) => runView2(stage, state, signal));
      if (stage.kind === "watermark") {
        strip = await perFrame((state) => runWatermark(stage, state, overlays, signal));
      }
      if (stage.kind !== "imageMogr2") continue;
      const stageSetting = stageSettings(stage.ops);
      for (const op of stage.ops) {
        if (OUTPUT_SETTINGS.has(op.op)) continue;
        const still = stillFrameOp(op, stageSetting, orientation, signal);
        const pass = still ? undefined : frameOp(op, strip, stageSetting);
        if (still) strip = await perFrame(still);
        else if (pass) strip = await runStrip(pass, frames, timing, signal);
        if (op.op === "auto-orient" && orientation > 1) orientation = 1;
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
