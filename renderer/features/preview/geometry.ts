import type { CSSProperties } from "react";
import type { PreviewBefore, PreviewRegion } from "../../../shared/ipc/channels/preview";
import type { Focus, Zoom } from "./store";

/**
 * Both sides of a comparison are drawn in the original's coordinates (Squoosh's rule): the
 * scene is the original at the zoom, and an output covers the part of the original it
 * shows, whatever its own pixel size. So a point of the scene sits at the same place on
 * both sides at every zoom, and panning one side pans the other by the same amount.
 */

/** The scene's size: the original's pixels times the zoom, or the largest that fits the view. */
export function sceneStyle(before: PreviewBefore, zoom: Zoom): CSSProperties {
  const width = Math.max(1, before.width);
  const height = Math.max(1, before.height);
  if (zoom === "fit") {
    // cq units measure the frame, a size container: the scene is as large as fits inside it.
    return { aspectRatio: `${width} / ${height}`, width: `min(100cqw, 100cqh * ${width / height})` };
  }
  const scale = Number(zoom) / 100;
  return { width: `${width * scale}px`, height: `${height * scale}px` };
}

/**
 * Where a rectangle of the original sits in the scene, in percent of it, turned (and mirrored)
 * about its centre as the output is against the original: so the output drawn there lines up.
 */
export function regionStyle(before: PreviewBefore, region: PreviewRegion | undefined): CSSProperties {
  if (!region || before.width === 0 || before.height === 0) {
    return { left: "0%", top: "0%", width: "100%", height: "100%" };
  }
  const percent = (value: number, of: number) => `${round((value / of) * 100)}%`;
  return {
    left: percent(region.left, before.width),
    top: percent(region.top, before.height),
    width: percent(region.width, before.width),
    height: percent(region.height, before.height),
    ...backOver(region),
  };
}

/**
 * The output is the original mirrored, then turned clockwise: mirrored back and turned back,
 * it lies over what it shows. CSS applies the rightmost transform first.
 */
function backOver(region: PreviewRegion): CSSProperties {
  const transforms = [
    ...(region.turn ? [`rotate(${-region.turn}deg)`] : []),
    ...(region.mirrored ? ["scaleX(-1)"] : []),
  ];
  return transforms.length > 0 ? { transform: transforms.join(" ") } : {};
}

/** Half a pixel: the engine's whole-pixel rounding, not a cut. */
const TOLERANCE = 0.5;

/**
 * Whether the output leaves part of the original out: some corner of the original lies
 * outside the (turned) region. A quarter turn or padding keeps everything: nothing to outline.
 */
export function cutsOriginal(
  before: Pick<PreviewBefore, "width" | "height">,
  region: PreviewRegion,
): boolean {
  const centre = { x: region.left + region.width / 2, y: region.top + region.height / 2 };
  const radians = (-(region.turn ?? 0) * Math.PI) / 180;
  const [cos, sin] = [Math.cos(radians), Math.sin(radians)];
  const corners = [
    [0, 0],
    [before.width, 0],
    [0, before.height],
    [before.width, before.height],
  ] as const;
  return corners.some(([x, y]) => {
    // The corner along the region's own axes, measured from its centre.
    const dx = x - centre.x;
    const dy = y - centre.y;
    const along = dx * cos + dy * sin;
    const across = -dx * sin + dy * cos;
    return Math.abs(along) > region.width / 2 + TOLERANCE || Math.abs(across) > region.height / 2 + TOLERANCE;
  });
}

/** The focus of a frame scrolled as it is: the point of the scene at the middle of the view. */
export function focusOf(frame: {
  scrollLeft: number;
  scrollTop: number;
  scrollWidth: number;
  scrollHeight: number;
  clientWidth: number;
  clientHeight: number;
}): Focus {
  return {
    x: frame.scrollWidth > 0 ? (frame.scrollLeft + frame.clientWidth / 2) / frame.scrollWidth : 0.5,
    y: frame.scrollHeight > 0 ? (frame.scrollTop + frame.clientHeight / 2) / frame.scrollHeight : 0.5,
  };
}

/** The scroll position that puts the focus at the middle of the view. */
export function scrollFor(
  focus: Focus,
  frame: { scrollWidth: number; scrollHeight: number; clientWidth: number; clientHeight: number },
): { left: number; top: number } {
  return {
    left: Math.round(focus.x * frame.scrollWidth - frame.clientWidth / 2),
    top: Math.round(focus.y * frame.scrollHeight - frame.clientHeight / 2),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
