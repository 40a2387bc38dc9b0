import sharp from "sharp";
import { PicopsError } from "../../shared/errors";
import type { ImageWatermarkStage, TextWatermarkStage } from "../../shared/rules/ast";
import { untilAborted } from "./abort";
import { placeByGravity, type Size, thumbnailSize } from "./geometry";
import type { WorkState } from "./mogr2";
import { openCanvas, type Picture, pending, runToPicture, settle } from "./picture";
import { openSource } from "./source";
import { textOverlay } from "./watermark-text";

export interface WatermarkSources {
  loadWatermarkImage?: (url: string) => Promise<Buffer>;
}

/** Parameters the rule language reads but this engine does not draw yet. */
function notDrawnHere(stage: ImageWatermarkStage | TextWatermarkStage): string | undefined {
  if (stage.type === 1) {
    if (stage.imageKey !== undefined) return "image_key";
    if (stage.batch !== undefined) return "batch";
    if (stage.degree !== undefined) return "degree";
  } else if (stage.scatype !== undefined) {
    return "scatype";
  }
  return stage.spacing === undefined ? undefined : "spacing";
}

function rejectUnknown(stage: ImageWatermarkStage | TextWatermarkStage): void {
  const name = stage.unknown[0]?.name ?? notDrawnHere(stage);
  if (name !== undefined) {
    throw new PicopsError("not-supported-locally", "watermark-parameter-not-local", {
      type: stage.type,
      name,
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
  const overlay =
    stage.type === 2
      ? await textOverlay(stage, base, signal)
      : await imageOverlay(stage, base, sources, signal);
  const raw = { width: overlay.width, height: overlay.height, channels: overlay.channels };
  if (stage.type === 2 && stage.batch) {
    const tiled = openCanvas(canvas).composite([
      { input: overlay.data, raw, tile: true, gravity: "northwest" },
    ]);
    return { ...state, canvas: pending(tiled, { ...base, alpha: true }) };
  }
  const fitted = await clipToBase(overlay, base, signal);
  const place = placeByGravity(base, fitted, stage.gravity ?? "southeast", stage.dx ?? 0, stage.dy ?? 0);
  // Offsets that would push the mark off the picture keep it at the edge instead.
  const left = Math.min(Math.max(0, place.left), base.width - fitted.width);
  const top = Math.min(Math.max(0, place.top), base.height - fitted.height);
  const drawn = openCanvas(canvas).composite([
    {
      input: fitted.data,
      raw: { width: fitted.width, height: fitted.height, channels: fitted.channels },
      left,
      top,
    },
  ]);
  return { ...state, canvas: pending(drawn, { ...base, alpha: true }) };
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
  const url = stage.imageUrl ?? "";
  if (!sources.loadWatermarkImage) {
    throw new PicopsError("not-supported-locally", "watermark-image-not-local", { url });
  }
  const bytes = await untilAborted(sources.loadWatermarkImage(url), signal);
  const source = await openSource(bytes, signal);
  const size: Size = { width: source.width, height: source.height };
  let target = size;
  const permille = stage.spcent;
  if (stage.scatype === 1 && permille)
    target = thumbnailSize(size, { mode: "fit", width: scale(base.width, permille) });
  if (stage.scatype === 2 && permille)
    target = thumbnailSize(size, { mode: "fit", height: scale(base.height, permille) });
  if (stage.scatype === 3 && permille) {
    target = thumbnailSize(size, { mode: "area", pixels: (base.width * base.height * permille) / 1000 });
  }
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

function scale(length: number, permille: number): number {
  return Math.max(1, Math.round((length * permille) / 1000));
}
