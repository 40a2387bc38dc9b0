import type { PreviewRegion } from "../../shared/ipc/channels/preview";
import type { ImageMogr2Stage, Pipeline, Stage } from "../../shared/rules/index";
import { cropRect, cutRect, type Rect, type Size, thumbnailSize, view2Plan } from "../engine/geometry";
import { paddedBox, regionRect, stageSettings } from "../engine/plan";

/** The picture as it is now, and the rectangle of the input it was made from. */
interface Tracked {
  size: Size;
  source: Rect;
}

/**
 * The part of the input a rule's output shows, in the input's pixels, or undefined when the
 * output shows the whole input or its geometry cannot be followed (a rotation, a pad, a
 * smart crop, a style). Uses the engine's own pixel arithmetic, so it is the region the
 * local engine keeps.
 */
export function keptRegion(pipeline: Pipeline, input: Size): PreviewRegion | undefined {
  let tracked: Tracked | undefined = { size: input, source: { left: 0, top: 0, ...input } };
  try {
    for (const stage of pipeline.stages) {
      tracked = tracked && afterStage(stage, tracked);
    }
  } catch {
    // A crop the engine refuses has no region: the preview shows the engine's error instead.
    return undefined;
  }
  if (!tracked) return undefined;
  const { source } = tracked;
  const whole =
    source.left === 0 && source.top === 0 && source.width === input.width && source.height === input.height;
  return whole ? undefined : source;
}

/** The region scaled from the picture it was measured on to the original's pixels. */
export function scaleRegion(region: PreviewRegion, from: Size, to: Size): PreviewRegion {
  const x = to.width / from.width;
  const y = to.height / from.height;
  return { left: region.left * x, top: region.top * y, width: region.width * x, height: region.height * y };
}

function afterStage(stage: Stage, tracked: Tracked): Tracked | undefined {
  switch (stage.kind) {
    case "imageMogr2":
      return afterMogr2(stage, tracked);
    case "imageView2": {
      const plan = view2Plan(tracked.size, stage);
      const resized = { size: plan.resize, source: tracked.source };
      return plan.crop ? cropped(resized, plan.crop) : resized;
    }
    case "watermark":
    case "blindWatermark":
    case "imageSlim":
      return tracked;
    default:
      return undefined;
  }
}

function afterMogr2(stage: ImageMogr2Stage, start: Tracked): Tracked | undefined {
  const settings = stageSettings(stage.ops);
  let tracked = start;
  for (const op of stage.ops) {
    const { size } = tracked;
    switch (op.op) {
      case "thumbnail":
        if (paddedBox(op, settings)) return undefined;
        tracked = { size: thumbnailSize(size, op.geometry), source: tracked.source };
        break;
      case "crop":
        tracked = cropped(
          tracked,
          cropRect(size, op.width, op.height, settings.gravity, settings.dx, settings.dy),
        );
        break;
      case "rcrop":
        tracked = cropped(tracked, regionRect(size, op, settings));
        break;
      case "cut":
        tracked = cropped(
          tracked,
          cutRect(size, { width: op.width, height: op.height, left: op.dx, top: op.dy }),
        );
        break;
      case "rotate":
        if (op.degrees % 360 !== 0) return undefined;
        break;
      case "scrop":
      case "iradius":
      case "unknown":
        return undefined;
      default:
        break;
    }
  }
  return tracked;
}

/** Keeps `rect` of the picture as it is now. */
function cropped(tracked: Tracked, rect: Rect): Tracked {
  const { size, source } = tracked;
  const x = source.width / size.width;
  const y = source.height / size.height;
  return {
    size: { width: rect.width, height: rect.height },
    source: {
      left: source.left + rect.left * x,
      top: source.top + rect.top * y,
      width: rect.width * x,
      height: rect.height * y,
    },
  };
}
