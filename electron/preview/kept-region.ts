import type { PreviewRegion } from "../../shared/ipc/channels/preview";
import type { ImageMogr2Stage, Pipeline, Stage } from "../../shared/rules/index";
import {
  cropRect,
  cutRect,
  placeByGravity,
  type Rect,
  type Size,
  thumbnailSize,
  view2Plan,
} from "../engine/geometry";
import { paddedBox, regionRect, rotatedSize, stageSettings, uprightSize } from "../engine/plan";

/**
 * Where the output lies on its input: the whole input (nothing to outline), a region (which
 * may be turned, or reach past the input's edges), or unknown here (a smart crop chooses its
 * region by looking at the pixels; a style whose rule the caller could not inline from the bucket).
 */
export type KeptRegion = { kind: "whole" } | { kind: "region"; region: PreviewRegion } | { kind: "unknown" };

/**
 * The picture as it is now, placed on the input: its centre in the input's pixels, the
 * input's pixels per picture pixel along the picture's own axes (negative along an axis the
 * picture is mirrored on), and how far (degrees clockwise) the picture is turned against the
 * input. A crop, a resize, a mirror and a turn are each exact in these terms, so any chain
 * of them is.
 */
interface Placement {
  size: Size;
  centre: { x: number; y: number };
  scale: { x: number; y: number };
  turn: number;
}

/** Not followable: the output's geometry depends on something the rule text does not say. */
const UNKNOWN = Symbol("unknown");

/** Relative difference of two scales under which a turn by any angle still keeps shapes. */
const SAME_SCALE = 0.01;

/** Which of the picture's own axes a mirror reverses: `x` swaps left and right. */
type Axis = "x" | "y";

/**
 * How a viewer shows the stored pixels upright for each EXIF orientation (0 is no tag): a
 * mirror, then a turn (degrees clockwise), as the engine's auto-orient does it.
 */
const UPRIGHT: Record<number, { mirror?: Axis; turn: number }> = {
  0: { turn: 0 },
  1: { turn: 0 },
  2: { mirror: "x", turn: 0 },
  3: { turn: 180 },
  4: { mirror: "y", turn: 0 },
  5: { mirror: "y", turn: 90 },
  6: { turn: 90 },
  7: { mirror: "x", turn: 90 },
  8: { turn: 270 },
};

/** The EXIF orientations of the input and of the output, as a viewer (the preview) honours them. */
export interface Orientations {
  input: number;
  output: number;
}

/**
 * The part of the input a rule's output shows, in the pixels of the input as it is shown
 * (upright, by its EXIF orientation), with the output as it is shown too. The engine works
 * on the pixels as stored, so the rule is followed on those, between the two turns upright.
 * Uses the engine's own pixel arithmetic, so it is the region the local engine keeps.
 */
export function keptRegion(
  pipeline: Pipeline,
  input: Size,
  orientations: Orientations = { input: 0, output: 0 },
): KeptRegion {
  const inputUpright = UPRIGHT[orientations.input];
  if (inputUpright === undefined) return { kind: "unknown" };
  const shown = uprightSize(input, orientations.input);
  // The stored pixels are the picture as shown, turned back and mirrored back.
  const asShown: Placement = {
    size: shown,
    centre: { x: shown.width / 2, y: shown.height / 2 },
    scale: { x: 1, y: 1 },
    turn: 0,
  };
  const turnedBack = rotate(asShown, -inputUpright.turn);
  if (turnedBack === UNKNOWN) return { kind: "unknown" };
  let placement = inputUpright.mirror ? mirror(turnedBack, inputUpright.mirror) : turnedBack;
  const state = { orientation: orientations.input };
  try {
    for (const stage of pipeline.stages) {
      const next = afterStage(stage, placement, state);
      if (next === UNKNOWN) return { kind: "unknown" };
      placement = next;
    }
  } catch {
    // A crop the engine refuses has no region: the preview shows the engine's error instead.
    return { kind: "whole" };
  }
  const upright = shownUpright(placement, orientations.output);
  if (upright === UNKNOWN) return { kind: "unknown" };
  const region = regionOf(upright);
  const whole =
    region.turn === undefined &&
    region.mirrored === undefined &&
    near(region.left, 0) &&
    near(region.top, 0) &&
    near(region.width, shown.width) &&
    near(region.height, shown.height);
  return whole ? { kind: "whole" } : { kind: "region", region };
}

/** The region scaled from the picture it was measured on to the original's pixels. */
export function scaleRegion(region: PreviewRegion, from: Size, to: Size): PreviewRegion {
  const x = to.width / from.width;
  const y = to.height / from.height;
  return {
    ...region,
    left: region.left * x,
    top: region.top * y,
    width: region.width * x,
    height: region.height * y,
  };
}

/** The stored pixels' EXIF orientation as the rule runs: `auto-orient` turns them upright. */
interface OrientationState {
  orientation: number;
}

function afterStage(stage: Stage, placement: Placement, state: OrientationState): Placement | typeof UNKNOWN {
  switch (stage.kind) {
    case "imageMogr2":
      return afterMogr2(stage, placement, state);
    case "imageView2": {
      const plan = view2Plan(placement.size, stage);
      const resized = resize(placement, plan.resize);
      return plan.crop ? crop(resized, plan.crop) : resized;
    }
    case "watermark":
    case "blindWatermark":
    case "imageSlim":
      return placement;
    default:
      // A style the caller could not inline (see style-rules.ts) or an operation the preview does not know.
      return UNKNOWN;
  }
}

function afterMogr2(
  stage: ImageMogr2Stage,
  start: Placement,
  state: OrientationState,
): Placement | typeof UNKNOWN {
  const settings = stageSettings(stage.ops);
  let placement = start;
  for (const op of stage.ops) {
    const { size } = placement;
    switch (op.op) {
      case "thumbnail": {
        const box = paddedBox(op, settings);
        const inside = thumbnailSize(size, op.geometry);
        placement = resize(placement, inside);
        if (box) {
          // Fitted into the box, centred, the rest padded: a crop that reaches past the picture.
          const place = placeByGravity(box, inside, "center");
          placement = crop(placement, { left: -place.left, top: -place.top, ...box });
        }
        break;
      }
      case "crop":
        placement = crop(
          placement,
          cropRect(size, op.width, op.height, settings.gravity, settings.dx, settings.dy),
        );
        break;
      case "rcrop":
        placement = crop(placement, regionRect(size, op, settings));
        break;
      case "cut":
        placement = crop(
          placement,
          cutRect(size, { width: op.width, height: op.height, left: op.dx, top: op.dy }),
        );
        break;
      case "rotate": {
        const turned = rotate(placement, op.degrees);
        if (turned === UNKNOWN) return UNKNOWN;
        placement = turned;
        break;
      }
      case "flip":
        placement = mirror(placement, op.direction === "horizontal" ? "x" : "y");
        break;
      case "auto-orient": {
        // The engine turns the stored pixels upright (when there is a tag) and writes Orientation 1.
        const upright = shownUpright(placement, state.orientation);
        if (upright === UNKNOWN) return UNKNOWN;
        placement = upright;
        state.orientation = state.orientation === 0 ? 0 : 1;
        break;
      }
      case "scrop":
      case "unknown":
        // scrop keeps the region CI's face detection picks (libvips's attention crop here): not knowable in advance.
        return UNKNOWN;
      default:
        // Rounded corners, formats, quality, filters: the same geometry.
        break;
    }
  }
  return placement;
}

/** Keeps `rect` of the picture as it is now; a rect reaching past its edges is padding. */
function crop(placement: Placement, rect: Rect): Placement {
  const { size, scale, centre } = placement;
  const offset = onInput(
    {
      x: (rect.left + rect.width / 2 - size.width / 2) * scale.x,
      y: (rect.top + rect.height / 2 - size.height / 2) * scale.y,
    },
    placement.turn,
  );
  return {
    ...placement,
    size: { width: rect.width, height: rect.height },
    centre: { x: centre.x + offset.x, y: centre.y + offset.y },
  };
}

function resize(placement: Placement, to: Size): Placement {
  const { size, scale } = placement;
  return {
    ...placement,
    size: to,
    scale: { x: (scale.x * size.width) / to.width, y: (scale.y * size.height) / to.height },
  };
}

/** The picture as a viewer shows it for an EXIF orientation: mirrored, then turned. */
function shownUpright(placement: Placement, orientation: number): Placement | typeof UNKNOWN {
  const upright = UPRIGHT[orientation];
  if (upright === undefined) return UNKNOWN;
  return rotate(upright.mirror ? mirror(placement, upright.mirror) : placement, upright.turn);
}

/** Mirrored about its centre along one of its own axes (the engine's flop for `x`, flip for `y`). */
function mirror(placement: Placement, axis: Axis): Placement {
  const { scale } = placement;
  return { ...placement, scale: axis === "x" ? { x: -scale.x, y: scale.y } : { x: scale.x, y: -scale.y } };
}

/** Turned clockwise about the centre, into the box that holds it (the engine's and CI's rotate). */
function rotate(placement: Placement, degrees: number): Placement | typeof UNKNOWN {
  const quarter = (((degrees % 360) + 360) % 360) / 90;
  const { scale } = placement;
  let turnedScale: { x: number; y: number };
  // Seen from the input, a mirrored picture turns the other way.
  let turn = degrees;
  if (Number.isInteger(quarter)) {
    // Swapping the axes' scales is exact for a quarter turn, mirrored or not.
    turnedScale = quarter % 2 === 0 ? scale : { x: scale.y, y: scale.x };
  } else {
    const [x, y] = [Math.abs(scale.x), Math.abs(scale.y)];
    // An oblique turn of a stretched picture shears it: no rectangle of the input matches.
    if (Math.abs(x - y) > SAME_SCALE * Math.max(x, y)) return UNKNOWN;
    const mean = (x + y) / 2;
    turnedScale = { x: Math.sign(scale.x) * mean, y: Math.sign(scale.y) * mean };
    if (scale.x * scale.y < 0) turn = -degrees;
  }
  return {
    ...placement,
    size: rotatedSize(placement.size, degrees),
    scale: turnedScale,
    turn: placement.turn + turn,
  };
}

/** A vector along the picture's axes, along the input's: turned back by the picture's turn. */
function onInput(vector: { x: number; y: number }, turn: number): { x: number; y: number } {
  const { cos, sin } = turnOf(-turn);
  return { x: vector.x * cos - vector.y * sin, y: vector.x * sin + vector.y * cos };
}

/** Cosine and sine of a turn in degrees, exact for quarter turns. */
function turnOf(degrees: number): { cos: number; sin: number } {
  const normal = ((degrees % 360) + 360) % 360;
  const quarters: Record<number, { cos: number; sin: number }> = {
    0: { cos: 1, sin: 0 },
    90: { cos: 0, sin: 1 },
    180: { cos: -1, sin: 0 },
    270: { cos: 0, sin: -1 },
  };
  const radians = (normal * Math.PI) / 180;
  return quarters[normal] ?? { cos: Math.cos(radians), sin: Math.sin(radians) };
}

/**
 * The region in the schema's terms: a mirror only ever left to right (before the turn). Both
 * axes reversed is a half turn; the height alone reversed is the width reversed, turned half.
 */
function regionOf(placement: Placement): PreviewRegion {
  const { size, scale, centre } = placement;
  const width = size.width * Math.abs(scale.x);
  const height = size.height * Math.abs(scale.y);
  const halfTurned = scale.y < 0;
  const mirrored = scale.x * scale.y < 0;
  const turn = normalTurn(placement.turn + (halfTurned ? 180 : 0));
  return {
    left: centre.x - width / 2,
    top: centre.y - height / 2,
    width,
    height,
    ...(turn === 0 ? {} : { turn }),
    ...(mirrored ? { mirrored: true as const } : {}),
  };
}

/** In (−180, 180]. */
function normalTurn(degrees: number): number {
  const normal = ((degrees % 360) + 360) % 360;
  return normal > 180 ? normal - 360 : normal;
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-6;
}
