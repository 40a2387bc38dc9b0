import { z } from "zod";

/**
 * The kinds of picture a plan tries each rule on, one file of each: the engine (and COS)
 * treat them differently, so a rule that works on a plain photo may fail on one of them.
 * A file has one kind, the first of this list that fits it: an animated GIF with
 * transparent pixels is tried as an animation, what it most differs by.
 */
export const FILE_KINDS = ["animated", "cmyk", "grey", "transparent", "large", "plain"] as const;
export const FileKindSchema = z.enum(FILE_KINDS);
export type FileKind = z.infer<typeof FileKindSchema>;

/** Above this many pixels a picture is "large": COS's limits and the engine's memory are in play. */
export const LARGE_PICTURE_PIXELS = 20_000_000;

/** What a picture's header tells about its kind. */
export interface KindFacts {
  width: number;
  /** Of one frame. */
  height: number;
  frames: number;
  alpha: boolean;
  space: "srgb" | "grey" | "cmyk";
}

export function fileKindOf(facts: KindFacts): FileKind {
  if (facts.frames > 1) return "animated";
  if (facts.space === "cmyk") return "cmyk";
  if (facts.space === "grey") return "grey";
  if (facts.alpha) return "transparent";
  if (facts.width * facts.height > LARGE_PICTURE_PIXELS) return "large";
  return "plain";
}
