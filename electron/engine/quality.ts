import type { QualitySetting } from "../../shared/rules/ast";

/** What `describeImage` reports for an original with no measurable quality (PNG, GIF, BMP, …). */
export const UNMEASURED_QUALITY = 100;

/**
 * Quality the engine encodes with when no rule sets one and the original has no measured
 * quality to keep: re-encoding a PNG at 100 would bloat it for nothing. COS does not
 * document this default.
 */
export const DEFAULT_LOSSY_QUALITY = 90;

/**
 * `imageSlim`'s quality ceiling for lossy outputs. CI's adaptive compression is its own; a
 * plain re-encode at this quality (and a palette for PNG) is the honest equivalent here.
 */
export const SLIM_QUALITY = 75;

/**
 * The quality an output is written with (reference §7.3), from the original's measured
 * quality (undefined when it has none, which counts as 100):
 * absolute = min(original, Q) unless `Q!`; relative = original × Q / 100; floor = max(original, Q).
 * Results round half-up and stay within 1–100.
 */
export function resolveQuality(setting: QualitySetting | undefined, measured: number | undefined): number {
  if (!setting) return measured ?? DEFAULT_LOSSY_QUALITY;
  const original = measured ?? UNMEASURED_QUALITY;
  const { kind, value, force } = setting;
  let quality: number;
  if (kind === "absolute") quality = force ? value : Math.min(original, value);
  else if (kind === "relative") quality = Math.floor((original * value) / 100 + 0.5);
  else quality = Math.max(original, value);
  return Math.min(100, Math.max(1, quality));
}
