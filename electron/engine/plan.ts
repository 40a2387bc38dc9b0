import { ThrownAppError } from "../../shared/errors";
import type { Gravity, Mogr2Op, Stage } from "../../shared/rules/ast";
import type { FormatName } from "./formats";
import { cropRect, cutRect, type Size, thumbnailSize, view2Plan } from "./geometry";
import { assertResolution } from "./limits";
import { ignoresErrors, OUTPUT_SETTINGS } from "./settings";

/**
 * Every operation's output computed before it runs, from sizes alone: a rule that would
 * make a picture larger than COS allows is refused before any pixel exists, and the
 * memory a whole rule needs is known before its first decode (reference §8's limits).
 */

/** A picture as the engine knows it before it exists: its size and whether it has alpha. */
export interface Shape extends Size {
  alpha: boolean;
}

/** What an operation needs to know about the picture besides its shape. */
export interface OpContext {
  gravity: Gravity;
  /** EXIF Orientation of the pixels as they are now (0 when none). */
  orientation: number;
}

/** libvips's bounding box for a turn by any angle, rounded as libvips rounds it. */
export function rotatedSize(size: Size, degrees: number): Size {
  const turn = ((degrees % 360) + 360) % 360;
  if (turn === 0 || turn === 180) return size;
  if (turn === 90 || turn === 270) return { width: size.height, height: size.width };
  const radians = (turn * Math.PI) / 180;
  const cos = Math.abs(Math.cos(radians));
  const sin = Math.abs(Math.sin(radians));
  return {
    width: Math.round(size.width * cos + size.height * sin),
    height: Math.round(size.width * sin + size.height * cos),
  };
}

/** Orientations 5–8 hold the picture on its side: upright, width and height swap. */
export function uprightSize(size: Size, orientation: number): Size {
  return orientation >= 5 && orientation <= 8 ? { width: size.height, height: size.width } : size;
}

function checked(shape: Shape): Shape {
  assertResolution(shape.width, shape.height);
  return shape;
}

/**
 * The picture an imageMogr2 operation makes, refused (ImageResolutionExceed, or the
 * operation's own InvalidArgument) before it runs. Settings-only operations keep the shape.
 */
export function mogr2OpShape(op: Mogr2Op, shape: Shape, context: OpContext): Shape {
  const { alpha } = shape;
  switch (op.op) {
    case "thumbnail":
      return checked({ ...thumbnailSize(shape, op.geometry), alpha });
    case "crop": {
      const { width, height } = cropRect(shape, op.width, op.height, context.gravity);
      return { width, height, alpha };
    }
    case "cut": {
      const rect = { width: op.width, height: op.height, left: op.dx, top: op.dy };
      const { width, height } = cutRect(shape, rect);
      return { width, height, alpha };
    }
    case "iradius":
      return { width: op.radius * 2, height: op.radius * 2, alpha: true };
    case "rradius":
      return { ...shape, alpha: true };
    case "rotate":
      return checked({ ...rotatedSize(shape, op.degrees), alpha });
    case "auto-orient":
      return { ...uprightSize(shape, context.orientation), alpha };
    default:
      return shape;
  }
}

/** The picture a watermark leaves: the same size, with the alpha its composite adds. */
function watermarkShape(shape: Shape): Shape {
  return { ...shape, alpha: true };
}

const bytesOf = (shape: Shape) => shape.width * shape.height * (shape.alpha ? 4 : 3);

/** Whether a stage's errors on limits and arguments let its input pass on (`ignore-error/1`). */
function isRecoverable(error: unknown): boolean {
  return (
    error instanceof ThrownAppError &&
    (error.code === "InvalidArgument" || error.code === "ImageResolutionExceed")
  );
}

/**
 * Above this many pixels a JPEG is written without optimised Huffman tables: libjpeg keeps
 * every coefficient of the picture in memory to optimise them (about 6 bytes a pixel).
 */
export const OPTIMISED_JPEG_MAX_PIXELS = 16_000_000;

/**
 * What an encoder holds besides the pixels it reads, per output pixel, as measured on this
 * build of libvips: WebP, GIF (quantising) and AVIF (AV1) keep the whole picture in their
 * own formats; a progressive or optimised JPEG keeps all its coefficients.
 */
export function encoderBytes(format: FormatName, shape: Shape, progressive: boolean): number {
  const pixels = shape.width * shape.height;
  const perPixel: Record<FormatName, number> = {
    jpg: progressive || pixels <= OPTIMISED_JPEG_MAX_PIXELS ? 6 : 0.5,
    png: 0.5,
    webp: 6,
    gif: 11,
    bmp: 8,
    avif: 26,
    heif: 26,
  };
  return Math.ceil(pixels * perPixel[format]);
}

export interface MemoryPlan {
  /** The largest input plus output any one pass holds, in bytes of 8-bit pixels. */
  peakBytes: number;
  /** The shape the last stage leaves. */
  output: Shape;
}

/**
 * Walks a rule over shapes the way the engine walks it over pixels, refusing it where the
 * engine would (before decoding anything) and measuring the largest pass. A stage with
 * `ignore-error/1` that would fail passes its input on, as it does when run.
 */
export function planMemory(
  stages: Stage[],
  source: Shape,
  orientation: number,
  output: { format: FormatName; progressive: boolean },
): MemoryPlan {
  let shape = source;
  let context: OpContext = { gravity: "center", orientation };
  let peakBytes = 0;
  // What the encoder's pass reads: the last operation's input (it runs in that pass) or,
  // for a rule with no pass of its own, the decoded source.
  let encoderInput = bytesOf(source);
  const pass = (from: Shape, to: Shape) => {
    peakBytes = Math.max(peakBytes, bytesOf(from) + bytesOf(to));
    encoderInput = bytesOf(from) + bytesOf(to);
  };
  for (const stage of stages) {
    const before = { shape, context };
    try {
      if (stage.kind === "imageMogr2") {
        let gravity: Gravity = "center";
        for (const op of stage.ops) if (op.op === "gravity") gravity = op.gravity;
        context = { ...context, gravity };
        for (const op of stage.ops) {
          if (OUTPUT_SETTINGS.has(op.op)) continue;
          const next = mogr2OpShape(op, shape, context);
          pass(shape, next);
          if (op.op === "auto-orient") context = { ...context, orientation: context.orientation ? 1 : 0 };
          shape = next;
        }
      } else if (stage.kind === "imageView2") {
        const plan = view2Plan(shape, stage);
        const resized = checked({ ...plan.resize, alpha: shape.alpha });
        const next = plan.crop ? { ...plan.crop, alpha: shape.alpha } : resized;
        pass(shape, { ...resized, width: Math.max(resized.width, next.width) });
        shape = { width: next.width, height: next.height, alpha: next.alpha };
      } else if (stage.kind === "watermark") {
        const next = watermarkShape(shape);
        // The overlay is at most the picture's size.
        pass(shape, { ...next, width: next.width * 2 });
        shape = next;
      }
    } catch (error) {
      if (!(isRecoverable(error) && ignoresErrors(stage))) throw error;
      ({ shape, context } = before);
    }
  }
  peakBytes = Math.max(peakBytes, encoderInput + encoderBytes(output.format, shape, output.progressive));
  return { peakBytes, output: shape };
}
