import type { Sharp } from "sharp";

/**
 * How Picops treats EXIF orientation, following the reference (§7.3: `auto-orient` rotates
 * by EXIF Orientation, then Orientation is reset): operations work on the pixels as
 * stored, exactly like COS without `auto-orient`, and the output keeps the original's
 * Orientation tag (with the rest of EXIF) so viewers still turn it upright. `auto-orient`
 * turns the pixels upright and writes Orientation 1. `strip`, or an output format without
 * EXIF (GIF, BMP, AVIF, HEIF), leaves no tag: the output then reports 0.
 */

/**
 * Turns stored pixels upright for an EXIF Orientation. sharp mirrors before it rotates,
 * so orientations 5 and 7 (transpose, transverse) are a mirror then a quarter turn.
 */
export function applyOrientation(pipeline: Sharp, orientation: number): Sharp {
  switch (orientation) {
    case 2:
      return pipeline.flop();
    case 3:
      return pipeline.rotate(180);
    case 4:
      return pipeline.flip();
    case 5:
      return pipeline.flip().rotate(90);
    case 6:
      return pipeline.rotate(90);
    case 7:
      return pipeline.flop().rotate(90);
    case 8:
      return pipeline.rotate(270);
    default:
      return pipeline;
  }
}
