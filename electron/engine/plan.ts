import { ThrownAppError } from "../../shared/errors";
import type { Gravity, Mogr2Op, Stage } from "../../shared/rules/ast";
import type { FormatName } from "./formats";
import {
  cropRect,
  cutRect,
  placeByGravity,
  type Rect,
  type Size,
  thumbnailSize,
  view2Plan,
} from "./geometry";
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

/** What an operation needs to know about the picture and its stage besides its shape. */
export interface OpContext extends StageSettings {
  /** EXIF Orientation of the pixels as they are now (0 when none). */
  orientation: number;
}

/**
 * Parameters an imageMogr2 stage sets for its other operations, wherever they appear in it:
 * gravity, dx and dy place crop and rcrop; pad and color change thumbnail.
 */
export interface StageSettings {
  gravity: Gravity;
  dx: number;
  dy: number;
  /** `pad/1`: a fit thumbnail fills the rest of its box with `color`. */
  pad: boolean;
  /** `#RRGGBB` (or `#RRGGBBAA`) for pad. */
  color: string;
}

export function stageSettings(ops: readonly Mogr2Op[]): StageSettings {
  const settings: StageSettings = {
    gravity: "center",
    dx: 0,
    dy: 0,
    pad: false,
    color: "#FFFFFF",
  };
  for (const op of ops) {
    if (op.op === "gravity") settings.gravity = op.gravity;
    else if (op.op === "dx") settings.dx = op.pixels;
    else if (op.op === "dy") settings.dy = op.pixels;
    else if (op.op === "pad") settings.pad = op.enabled;
    else if (op.op === "color") settings.color = op.color;
  }
  return settings;
}

/** With `pad/1`, a fit thumbnail into a W×H box is padded out to the whole box. */
export function paddedBox(
  op: Extract<Mogr2Op, { op: "thumbnail" }>,
  context: StageSettings,
): Size | undefined {
  const { geometry } = op;
  if (!context.pad || geometry.mode !== "fit") return undefined;
  if (geometry.width === undefined || geometry.height === undefined) return undefined;
  return { width: geometry.width, height: geometry.height };
}

/**
 * `rcrop/<W>x<H>`: the region of that size at the gravity's anchor, moved by dx and dy,
 * clipped to the picture.
 */
export function regionRect(
  size: Size,
  op: { width?: number; height?: number },
  context: StageSettings,
): Rect {
  const inner = {
    width: Math.min(op.width ?? size.width, size.width),
    height: Math.min(op.height ?? size.height, size.height),
  };
  const placed = placeByGravity(size, inner, context.gravity, context.dx, context.dy);
  const left = Math.min(Math.max(0, placed.left), size.width - inner.width);
  const top = Math.min(Math.max(0, placed.top), size.height - inner.height);
  return { left, top, ...inner };
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
    case "thumbnail": {
      const box = paddedBox(op, context);
      if (box) checked({ ...thumbnailSize(shape, op.geometry), alpha });
      return checked({ ...(box ?? thumbnailSize(shape, op.geometry)), alpha });
    }
    case "rcrop": {
      const { width, height } = regionRect(shape, op, context);
      return { width, height, alpha };
    }
    case "scrop":
      return checked({ width: op.width, height: op.height, alpha });
    case "crop": {
      const { width, height } = cropRect(shape, op.width, op.height, context.gravity, context.dx, context.dy);
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

/** A picture's bytes once decoded (8-bit RGB or RGBA, as the engine holds pixels). */
export const decodedBytes = (shape: Shape) => shape.width * shape.height * (shape.alpha ? 4 : 3);

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
  let context: OpContext = { ...stageSettings([]), orientation };
  let peakBytes = 0;
  // What the encoder's pass reads: the last operation's input (it runs in that pass) or,
  // for a rule with no pass of its own, the decoded source.
  let encoderInput = decodedBytes(source);
  const pass = (from: Shape, to: Shape) => {
    peakBytes = Math.max(peakBytes, decodedBytes(from) + decodedBytes(to));
    encoderInput = decodedBytes(from) + decodedBytes(to);
  };
  for (const stage of stages) {
    const before = { shape, context };
    try {
      if (stage.kind === "imageMogr2") {
        context = { ...stageSettings(stage.ops), orientation: context.orientation };
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
