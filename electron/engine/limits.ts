import { PicopsError } from "../../shared/errors";

/**
 * Cloud Infinite's input limits (reference §5.1, §8): 32 MB per input, each side at most
 * 50 000 px, at most 250 M pixels (for animations: width × height × frames).
 */
export const ENGINE_LIMITS = {
  maxInputBytes: 32 * 1024 * 1024,
  maxPixels: 250_000_000,
  maxSide: 50_000,
  /**
   * Decoded pixels all rules in this process may hold at once (8 bits a channel). Not a
   * COS limit: it keeps the Local bucket and the preview within 1.5 GB of memory whatever
   * comes in, with room for Node and libvips themselves.
   */
  memoryBytes: 1024 * 1024 * 1024,
} as const;

/** WebP cannot hold a side longer than this (reference §8). */
export const WEBP_MAX_SIDE = 16_383;

/** Refuses a picture (declared by a header or computed by a rule) that COS would refuse. */
export function assertResolution(width: number, height: number, frames = 1): void {
  if (width > ENGINE_LIMITS.maxSide || height > ENGINE_LIMITS.maxSide) {
    throw new PicopsError("ImageResolutionExceed", "image-side-too-long", {
      width,
      height,
      maxSide: ENGINE_LIMITS.maxSide,
    });
  }
  if (width * height * frames > ENGINE_LIMITS.maxPixels) {
    const maxMegapixels = ENGINE_LIMITS.maxPixels / 1_000_000;
    throw frames > 1
      ? new PicopsError("ImageResolutionExceed", "animation-too-many-pixels", {
          width,
          height,
          frames,
          maxMegapixels,
        })
      : new PicopsError("ImageResolutionExceed", "image-too-many-pixels", { width, height, maxMegapixels });
  }
}
