import { PicopsError } from "../../shared/errors";
import type { Gravity, ImageView2Stage, ThumbnailGeometry } from "../../shared/rules/ast";

/**
 * The pixel arithmetic of Cloud Infinite's rules (reference §7.1, §7.2, §7.4), pure so that
 * every form can be checked without decoding an image. Non-integer sizes round half-up
 * (the reference's suggestion; COS does not document its rounding) and never go below 1 px.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Size {
  left: number;
  top: number;
}

/** round(numerator / denominator), halves up, at least 1. */
function scaled(length: number, numerator: number, denominator: number): number {
  return Math.max(1, Math.floor((length * numerator) / denominator + 0.5));
}

function byWidth(size: Size, width: number): Size {
  return { width, height: scaled(size.height, width, size.width) };
}

function byHeight(size: Size, height: number): Size {
  return { width: scaled(size.width, height, size.height), height };
}

/** Largest proportional size inside width×height. */
function fitInside(size: Size, width: number, height: number): Size {
  // width/w <= height/h, compared without division.
  return width * size.height <= height * size.width ? byWidth(size, width) : byHeight(size, height);
}

/** Smallest proportional size covering width×height. */
function cover(size: Size, width: number, height: number): Size {
  return width * size.height >= height * size.width ? byWidth(size, width) : byHeight(size, height);
}

export function thumbnailSize(size: Size, geometry: ThumbnailGeometry): Size {
  switch (geometry.mode) {
    case "percent": {
      const width = geometry.axis === "height" ? size.width : scaled(size.width, geometry.percent, 100);
      const height = geometry.axis === "width" ? size.height : scaled(size.height, geometry.percent, 100);
      return { width, height };
    }
    case "fit": {
      const { width, height, only } = geometry;
      let target: Size;
      if (width !== undefined && height !== undefined) target = fitInside(size, width, height);
      else if (width !== undefined) target = byWidth(size, width);
      else if (height !== undefined) target = byHeight(size, height);
      else return size;
      const enlarges = target.width * target.height > size.width * size.height;
      if (only === "shrink" && enlarges) return size;
      if (only === "enlarge" && !enlarges) return size;
      return target;
    }
    case "cover":
      return cover(size, geometry.width, geometry.height);
    case "force":
      return { width: geometry.width, height: geometry.height };
    case "area": {
      const factor = Math.sqrt(geometry.pixels / (size.width * size.height));
      const rounded = { width: scaled(size.width, factor, 1), height: scaled(size.height, factor, 1) };
      if (rounded.width * rounded.height <= geometry.pixels) return rounded;
      // Rounding up overshot the area: the reference promises width × height ≤ Area.
      return {
        width: Math.max(1, Math.floor(size.width * factor)),
        height: Math.max(1, Math.floor(size.height * factor)),
      };
    }
  }
}

/**
 * Where an inner box sits in an outer one on the nine-grid. Offsets push the box inwards
 * from the edges it is attached to; like COS, `center` ignores both, `north`/`south`
 * ignore dx and `west`/`east` ignore dy (reference §7.2).
 */
export function placeByGravity(outer: Size, inner: Size, gravity: Gravity, dx = 0, dy = 0): Rect {
  const horizontal = gravity.endsWith("west") ? "start" : gravity.endsWith("east") ? "end" : "middle";
  const vertical = gravity.startsWith("north") ? "start" : gravity.startsWith("south") ? "end" : "middle";
  const place = (outerLength: number, innerLength: number, edge: string, offset: number) =>
    edge === "start"
      ? offset
      : edge === "end"
        ? outerLength - innerLength - offset
        : Math.floor((outerLength - innerLength) / 2);
  return {
    left: place(outer.width, inner.width, horizontal, dx),
    top: place(outer.height, inner.height, vertical, dy),
    width: inner.width,
    height: inner.height,
  };
}

/**
 * `crop/<W>x<H>`: keep W×H placed by gravity (default center). The reference requires
 * 0 < value < original; a value equal to the side keeps that side whole, a larger one is
 * refused like COS refuses it.
 */
export function cropRect(
  size: Size,
  width: number | undefined,
  height: number | undefined,
  gravity: Gravity,
  dx = 0,
  dy = 0,
): Rect {
  for (const [name, value, limit] of [
    ["width", width, size.width],
    ["height", height, size.height],
  ] as const) {
    if (value !== undefined && (value <= 0 || value > limit)) {
      throw new PicopsError("InvalidArgument", "crop-does-not-fit", {
        name,
        value,
        width: size.width,
        height: size.height,
      });
    }
  }
  const inner = { width: width ?? size.width, height: height ?? size.height };
  const placed = placeByGravity(size, inner, gravity, dx, dy);
  // dx/dy move the region inwards from its anchor, never past the picture's edge.
  return {
    ...placed,
    left: Math.min(Math.max(0, placed.left), size.width - inner.width),
    top: Math.min(Math.max(0, placed.top), size.height - inner.height),
  };
}

/** `cut/<w>x<h>x<dx>x<dy>`: a rectangle from the top-left, clipped to the picture. */
export function cutRect(size: Size, rect: Rect): Rect {
  if (rect.left >= size.width || rect.top >= size.height || rect.width <= 0 || rect.height <= 0) {
    throw new PicopsError("InvalidArgument", "cut-outside-image", {
      cut: `${rect.width}x${rect.height}x${rect.left}x${rect.top}`,
      width: size.width,
      height: size.height,
    });
  }
  return {
    left: rect.left,
    top: rect.top,
    width: Math.min(rect.width, size.width - rect.left),
    height: Math.min(rect.height, size.height - rect.top),
  };
}

export interface View2Plan {
  resize: Size;
  /** Centre crop applied after the resize (modes 1 and 5). */
  crop?: Rect;
}

/**
 * imageView2 modes (reference §7.4). Modes 4, 5 and 0 read w as the long edge and h as the
 * short edge, so their box turns with the picture. Like thumbnail, the modes scale both
 * ways (the reference leaves enlargement unconfirmed).
 */
export function view2Plan(size: Size, stage: Pick<ImageView2Stage, "mode" | "width" | "height">): View2Plan {
  const { mode } = stage;
  // Without a mode (`imageView2/format/png`) or a bound, imageView2 only converts.
  if (mode === undefined || (stage.width === undefined && stage.height === undefined))
    return { resize: size };
  const landscape = size.width >= size.height;
  const edgeBox = (long: number, short: number): Size =>
    landscape ? { width: long, height: short } : { width: short, height: long };
  const both = (stage.width ?? stage.height) as number;
  switch (mode) {
    case 1:
    case 5: {
      const box =
        mode === 1
          ? { width: stage.width ?? both, height: stage.height ?? both }
          : edgeBox(stage.width ?? both, stage.height ?? both);
      const resize = cover(size, box.width, box.height);
      return { resize, crop: placeByGravity(resize, box, "center") };
    }
    case 2:
      return { resize: thumbnailSize(size, { mode: "fit", width: stage.width, height: stage.height }) };
    case 3:
      return { resize: cover(size, stage.width ?? both, stage.height ?? both) };
    case 4: {
      const box = edgeBox(stage.width ?? both, stage.height ?? both);
      return { resize: cover(size, box.width, box.height) };
    }
    case 0: {
      // Qiniu's meaning (COS support unconfirmed): the long edge at most w, the short at most h.
      const long = Math.max(size.width, size.height);
      const short = Math.min(size.width, size.height);
      const limit = Math.min(
        stage.width !== undefined ? stage.width / long : Number.POSITIVE_INFINITY,
        stage.height !== undefined ? stage.height / short : Number.POSITIVE_INFINITY,
      );
      return { resize: { width: scaled(size.width, limit, 1), height: scaled(size.height, limit, 1) } };
    }
  }
}
