import sharp from "sharp";
import { PicopsError } from "../../shared/errors";
import type { ImageWatermarkStage, TextWatermarkStage } from "../../shared/rules/ast";
import { untilAborted } from "./abort";
import { placeByGravity, type Size, thumbnailSize } from "./geometry";
import { assertResolution } from "./limits";
import type { WorkState } from "./mogr2";
import { openCanvas, type Picture, pending, runToPicture, settle } from "./picture";
import { openSource } from "./source";
import { textOverlay } from "./watermark-text";

export interface WatermarkSources {
  loadWatermarkImage?: (url: string) => Promise<Buffer>;
  /** Fetches a watermark image named by `image_key`: an object of the picture's own bucket. */
  loadWatermarkObject?: (key: string) => Promise<Buffer>;
}

function rejectUnknown(stage: ImageWatermarkStage | TextWatermarkStage): void {
  const [unknown] = stage.unknown;
  if (unknown) {
    throw new PicopsError("not-supported-locally", "watermark-parameter-not-local", {
      type: stage.type,
      name: unknown.name,
    });
  }
}

/** Draws a text or image watermark (reference §7.5); gravity defaults to SouthEast. */
export async function runWatermark(
  stage: ImageWatermarkStage | TextWatermarkStage,
  state: WorkState,
  sources: WatermarkSources,
  signal?: AbortSignal,
): Promise<WorkState> {
  rejectUnknown(stage);
  const canvas = await settle(state.canvas, signal);
  const base = { width: canvas.width, height: canvas.height };
  const drawn =
    stage.type === 2
      ? await scaledToPicture(await textOverlay(stage, base, signal), stage, base, signal)
      : await imageOverlay(stage, base, sources, signal);
  if (stage.batch) {
    const tile = await tileOf(drawn, stage, signal);
    const raw = { width: tile.width, height: tile.height, channels: tile.channels };
    const tiled = openCanvas(canvas).composite([{ input: tile.data, raw, tile: true, gravity: "northwest" }]);
    return { ...state, canvas: pending(tiled, { ...base, alpha: true }) };
  }
  const fitted = await clipToBase(drawn, base, signal);
  const place = placeByGravity(base, fitted, stage.gravity ?? "southeast", stage.dx ?? 0, stage.dy ?? 0);
  // Offsets that would push the mark off the picture keep it at the edge instead.
  const left = Math.min(Math.max(0, place.left), base.width - fitted.width);
  const top = Math.min(Math.max(0, place.top), base.height - fitted.height);
  const composed = openCanvas(canvas).composite([
    {
      input: fitted.data,
      raw: { width: fitted.width, height: fitted.height, channels: fitted.channels },
      left,
      top,
    },
  ]);
  return { ...state, canvas: pending(composed, { ...base, alpha: true }) };
}

const CLEAR = { r: 0, g: 0, b: 0, alpha: 0 };

/**
 * `batch/1`: one tile to repeat over the picture — the mark with `spacing` (per cent of its
 * own width and height) of clear space after it, or without spacing a gap of its height
 * (at least 8 px) all round, turned by `degree`.
 */
async function tileOf(
  mark: Picture,
  stage: ImageWatermarkStage | TextWatermarkStage,
  signal?: AbortSignal,
): Promise<Picture> {
  const gap = Math.max(mark.height, 8);
  const around =
    stage.spacing === undefined
      ? { top: gap, bottom: gap, left: gap, right: gap }
      : {
          top: 0,
          left: 0,
          right: Math.round((mark.width * stage.spacing) / 100),
          bottom: Math.round((mark.height * stage.spacing) / 100),
        };
  const raw = { width: mark.width, height: mark.height, channels: mark.channels };
  return runToPicture(
    sharp(mark.data, { raw })
      .extend({ ...around, background: CLEAR })
      .rotate(stage.degree ?? 0, { background: CLEAR }),
    signal,
  );
}

/**
 * scatype/spcent: the mark scaled to per mille of the picture's width (1), height (2) or
 * area (3), keeping its proportions.
 */
function scaledSize(mark: Size, stage: ImageWatermarkStage | TextWatermarkStage, base: Size): Size {
  const permille = stage.spcent;
  if (!permille) return mark;
  if (stage.scatype === 1) return thumbnailSize(mark, { mode: "fit", width: scale(base.width, permille) });
  if (stage.scatype === 2) return thumbnailSize(mark, { mode: "fit", height: scale(base.height, permille) });
  if (stage.scatype === 3) {
    return thumbnailSize(mark, { mode: "area", pixels: (base.width * base.height * permille) / 1000 });
  }
  return mark;
}

/** A rendered text mark at the size scatype/spcent asks for. */
async function scaledToPicture(
  mark: Picture,
  stage: TextWatermarkStage,
  base: Size,
  signal?: AbortSignal,
): Promise<Picture> {
  const target = scaledSize(mark, stage, base);
  if (target.width === mark.width && target.height === mark.height) return mark;
  assertResolution(target.width, target.height);
  return runToPicture(openCanvas(mark).resize(target.width, target.height, { fit: "fill" }), signal);
}

/** Text longer than the picture is cut at the picture's edge. */
async function clipToBase(overlay: Picture, base: Size, signal?: AbortSignal): Promise<Picture> {
  if (overlay.width <= base.width && overlay.height <= base.height) return overlay;
  const raw = { width: overlay.width, height: overlay.height, channels: overlay.channels };
  return runToPicture(
    sharp(overlay.data, { raw }).extract({
      left: 0,
      top: 0,
      width: Math.min(overlay.width, base.width),
      height: Math.min(overlay.height, base.height),
    }),
    signal,
  );
}

/**
 * The watermark picture, scaled by scatype/spcent (per mille of the picture's width,
 * height or area), faded by dissolve. One larger than the picture is scaled to fit
 * (blogo 1, also the default here) or cropped (blogo 2).
 */
async function imageOverlay(
  stage: ImageWatermarkStage,
  base: Size,
  sources: WatermarkSources,
  signal?: AbortSignal,
): Promise<Picture> {
  const bytes = await untilAborted(loadMark(stage, sources), signal);
  const source = await openSource(bytes, signal);
  let target = scaledSize({ width: source.width, height: source.height }, stage, base);
  const tooLarge = target.width > base.width || target.height > base.height;
  if (tooLarge && stage.blogo !== 2) {
    target = thumbnailSize(target, { mode: "fit", width: base.width, height: base.height });
  }
  const resized = await runToPicture(
    openCanvas(source.canvas).resize(target.width, target.height, { fit: "fill" }).ensureAlpha(),
    signal,
  );
  const opacity = (stage.dissolve ?? 100) / 100;
  if (opacity >= 1) return resized;
  // A second pass: sharp applies linear before ensureAlpha within one pipeline.
  return runToPicture(openCanvas(resized).linear([1, 1, 1, opacity], [0, 0, 0, 0]), signal);
}

function loadMark(stage: ImageWatermarkStage, sources: WatermarkSources): Promise<Buffer> {
  if (stage.imageKey !== undefined) {
    if (!sources.loadWatermarkObject) {
      throw new PicopsError("not-supported-locally", "watermark-image-not-local", { url: stage.imageKey });
    }
    return sources.loadWatermarkObject(stage.imageKey);
  }
  const url = stage.imageUrl ?? "";
  if (!sources.loadWatermarkImage) {
    throw new PicopsError("not-supported-locally", "watermark-image-not-local", { url });
  }
  return sources.loadWatermarkImage(url);
}

function scale(length: number, permille: number): number {
  return Math.max(1, Math.round((length * permille) / 1000));
}
