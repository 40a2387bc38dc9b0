import { PicopsError } from "../../shared/errors";

/**
 * Cloud Infinite's input limits (reference §5.1, §8): 32 MB per input, each side at most
 * 50 000 px, at most 250 M pixels (for animations: width × height × frames).
 */
export const ENGINE_LIMITS = {
  maxInputBytes: 32 * 1024 * 1024,
  maxPixels: 250_000_000,
  maxSide: 50_000,
} as const;

/** WebP cannot hold a side longer than this (reference §8). */
export const WEBP_MAX_SIDE = 16_383;

/** Refuses a picture (declared by a header or computed by a rule) that COS would refuse. */
export function assertResolution(width: number, height: number, frames = 1): void {
  if (width > ENGINE_LIMITS.maxSide || height > ENGINE_LIMITS.maxSide) {
    throw new PicopsError(
      "ImageResolutionExceed",
      `The image is ${width}×${height} px; each side must be at most ${ENGINE_LIMITS.maxSide} px.`,
    );
  }
  if (width * height * frames > ENGINE_LIMITS.maxPixels) {
    const frameNote = frames > 1 ? ` × ${frames} frames` : "";
    throw new PicopsError(
      "ImageResolutionExceed",
      `The image is ${width}×${height} px${frameNote}; at most ${ENGINE_LIMITS.maxPixels / 1_000_000} million pixels are allowed.`,
    );
  }
}
