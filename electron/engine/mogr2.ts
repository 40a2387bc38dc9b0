import sharp, { type Sharp } from "sharp";
import { PicopsError } from "../../shared/errors";
import type { ImageMogr2Stage, Mogr2Op } from "../../shared/rules/ast";
import { cropRect, cutRect, placeByGravity, type Rect, type Size, thumbnailSize } from "./geometry";
import { applyOrientation } from "./orientation";
import { type Canvas, canvasHasAlpha, openCanvas, pending, settle, type WorkCanvas } from "./picture";
import { mogr2OpShape, paddedBox, regionRect, type Shape, type StageSettings, stageSettings } from "./plan";
import { OUTPUT_SETTINGS } from "./settings";

/** The picture between operations, and what the output's EXIF will say about it. */
export interface WorkState {
  canvas: WorkCanvas;
  /** Orientation tag the output will carry if EXIF is kept. */
  orientation: number;
}

const WHITE = { r: 255, g: 255, b: 255, alpha: 1 };
const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 };

/** imageMogr2 operations, left to right, each one pass over the pixels. */
export async function runMogr2(
  stage: ImageMogr2Stage,
  state: WorkState,
  signal?: AbortSignal,
): Promise<WorkState> {
  // gravity positions crop wherever it appears in the stage (`gravity/north/crop/…` or after).
  const settings = stageSettings(stage.ops);
  let current = state;
  for (const op of stage.ops) {
    if (OUTPUT_SETTINGS.has(op.op)) continue;
    current = await runMogr2Op(op, current, settings, signal);
  }
  return current;
}

function shapeOf(canvas: WorkCanvas): Shape {
  return { width: canvas.width, height: canvas.height, alpha: canvasHasAlpha(canvas) };
}

/** Ops that leave the pixels as they are when their output has the input's size. */
const RESIZING = new Set<Mogr2Op["op"]>(["thumbnail", "rotate", "auto-orient", "rcrop"]);

/** One imageMogr2 operation, refused before its pass when its output would pass COS's limits. */
export async function runMogr2Op(
  op: Mogr2Op,
  state: WorkState,
  settings: StageSettings,
  signal?: AbortSignal,
): Promise<WorkState> {
  rejectNotLocal(op);
  const { gravity } = settings;
  const before = shapeOf(state.canvas);
  // Refused here, before the pass exists, when the output would pass COS's limits.
  const target = mogr2OpShape(op, before, { ...settings, orientation: state.orientation });
  const unchanged = target.width === before.width && target.height === before.height;
  if (RESIZING.has(op.op) && unchanged && !turnsPixels(op, state.orientation)) return state;
  if (op.op === "grayscale" && !op.enabled) return state;
  const canvas = await settle(state.canvas, signal);
  const size: Size = { width: canvas.width, height: canvas.height };
  const next = (pipeline: Sharp) => ({ ...state, canvas: pending(pipeline, target) });
  switch (op.op) {
    case "thumbnail": {
      const box = paddedBox(op, settings);
      if (!box) return next(openCanvas(canvas).resize(target.width, target.height, { fit: "fill" }));
      // The picture fitted into the box, centred, the rest of the box in the pad colour.
      const inside = thumbnailSize(size, op.geometry);
      const place = placeByGravity(box, inside, "center");
      return next(
        openCanvas(canvas)
          .resize(inside.width, inside.height, { fit: "fill" })
          .extend({
            top: place.top,
            left: place.left,
            bottom: box.height - inside.height - place.top,
            right: box.width - inside.width - place.left,
            background: settings.color,
          }),
      );
    }
    case "rcrop":
      return next(extract(canvas, regionRect(size, op, settings)));
    case "scrop":
      // CI finds faces; libvips's attention crop keeps the busiest region: an approximation.
      return next(
        openCanvas(canvas).resize(op.width, op.height, { fit: "cover", position: sharp.strategy.attention }),
      );
    case "flip":
      return next(op.direction === "vertical" ? openCanvas(canvas).flip() : openCanvas(canvas).flop());
    case "crop":
      return next(extract(canvas, cropRect(size, op.width, op.height, gravity, settings.dx, settings.dy)));
    case "cut":
      return next(
        extract(canvas, cutRect(size, { width: op.width, height: op.height, left: op.dx, top: op.dy })),
      );
    case "iradius":
      return next(roundMask(canvas, op.radius, "circle"));
    case "rradius":
      return next(roundMask(canvas, op.radius, "corners"));
    case "rotate": {
      const degrees = ((op.degrees % 360) + 360) % 360;
      // Corners uncovered by an oblique turn: transparent where alpha can exist, else white.
      const background = canvasHasAlpha(canvas) ? TRANSPARENT : WHITE;
      return next(openCanvas(canvas).rotate(degrees, { background }));
    }
    case "auto-orient":
      return {
        canvas: pending(applyOrientation(openCanvas(canvas), state.orientation), target),
        orientation: state.orientation === 0 ? 0 : 1,
      };
    case "blur":
      // libvips sizes the Gaussian mask from sigma; the radius only bounds it in ImageMagick.
      return next(openCanvas(canvas).blur(Math.max(0.3, op.sigma)));
    case "sharpen":
      // COS's 10–300 (70 recommended) read as hundredths of a sigma: an approximation.
      return next(openCanvas(canvas).sharpen({ sigma: Math.max(0.01, op.amount / 100) }));
    case "bright":
      return next(linear(canvas, 1, (op.amount / 100) * 255));
    case "contrast": {
      const slope = Math.max(0, 1 + op.amount / 100);
      return next(linear(canvas, slope, 128 * (1 - slope)));
    }
    case "grayscale":
      return next(grayscale(canvas));
    default:
      return state;
  }
}

/** auto-orient on mirrored or upside-down pixels turns them without changing the size. */
function turnsPixels(op: Mogr2Op, orientation: number): boolean {
  if (op.op === "rotate") return ((op.degrees % 360) + 360) % 360 !== 0;
  return op.op === "auto-orient" && orientation > 1;
}

function rejectNotLocal(op: Mogr2Op): void {
  if (op.op === "unknown") {
    throw new PicopsError("not-supported-locally", "mogr2-operation-not-local", { name: op.name });
  }
}

function extract(canvas: Canvas, rect: Rect) {
  return openCanvas(canvas).extract(rect);
}

/** Per-channel so that alpha is never brightened. */
function linear(canvas: Canvas, slope: number, offset: number) {
  const alpha = canvasHasAlpha(canvas);
  const slopes = alpha ? [slope, slope, slope, 1] : [slope, slope, slope];
  const offsets = alpha ? [offset, offset, offset, 0] : [offset, offset, offset];
  return openCanvas(canvas).linear(slopes, offsets);
}

/** Rec. 601 luma on all three channels, so the picture stays RGB for later passes. */
function grayscale(canvas: Canvas) {
  const luma: [number, number, number] = [0.299, 0.587, 0.114];
  if (!canvasHasAlpha(canvas)) return openCanvas(canvas).recomb([luma, luma, luma]);
  const row: [number, number, number, number] = [...luma, 0];
  return openCanvas(canvas).recomb([row, row, row, [0, 0, 0, 1]]);
}

/**
 * iradius keeps the inscribed circle of radius r as a 2r×2r picture; rradius rounds the
 * corners of the whole picture. Outside is transparent; formats without alpha (JPEG, BMP)
 * get white there when encoded, which is what COS shows for a JPEG output.
 */
function roundMask(canvas: Canvas, radius: number, shape: "circle" | "corners") {
  const limit = Math.floor(Math.min(canvas.width, canvas.height) / 2);
  const name = shape === "circle" ? "iradius" : "rradius";
  if (radius <= 0 || radius > limit) {
    throw new PicopsError("InvalidArgument", "radius-out-of-range", {
      name,
      radius,
      width: canvas.width,
      height: canvas.height,
      limit,
    });
  }
  const box =
    shape === "circle"
      ? placeSquare(canvas, radius * 2)
      : { left: 0, top: 0, width: canvas.width, height: canvas.height };
  const mask =
    shape === "circle"
      ? `<circle cx="${radius}" cy="${radius}" r="${radius}" fill="#fff"/>`
      : `<rect width="${box.width}" height="${box.height}" rx="${radius}" ry="${radius}" fill="#fff"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${box.width}" height="${box.height}">${mask}</svg>`;
  return openCanvas(canvas)
    .extract(box)
    .composite([{ input: Buffer.from(svg), blend: "dest-in" }]);
}

function placeSquare(canvas: Canvas, side: number): Rect {
  return {
    left: Math.floor((canvas.width - side) / 2),
    top: Math.floor((canvas.height - side) / 2),
    width: side,
    height: side,
  };
}
