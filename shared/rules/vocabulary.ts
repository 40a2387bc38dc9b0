/**
 * The words of the rule language (reference §7), declared once for the parser, the
 * formatter and the validator.
 */
import type { Gravity, Mogr2Op, RuleImageFormat } from "./ast";

/** Gravity as COS documents write it; parsing is case-insensitive. */
export const GRAVITY_NAMES: Record<Gravity, string> = {
  northwest: "NorthWest",
  north: "North",
  northeast: "NorthEast",
  west: "West",
  center: "Center",
  east: "East",
  southwest: "SouthWest",
  south: "South",
  southeast: "SouthEast",
};

export function gravityFromText(text: string): Gravity | undefined {
  const lower = text.toLowerCase();
  return Object.hasOwn(GRAVITY_NAMES, lower) ? (lower as Gravity) : undefined;
}

/** Every accepted spelling of an output format; `jpeg` is written back as `jpg`. */
const FORMAT_SPELLINGS: Record<string, RuleImageFormat> = {
  jpg: "jpg",
  jpeg: "jpg",
  png: "png",
  webp: "webp",
  avif: "avif",
  heif: "heif",
  gif: "gif",
  bmp: "bmp",
  yjpeg: "yjpeg",
  tpg: "tpg",
  svgc: "svgc",
};

export function formatFromText(text: string): RuleImageFormat | undefined {
  const lower = text.toLowerCase();
  return Object.hasOwn(FORMAT_SPELLINGS, lower) ? FORMAT_SPELLINGS[lower] : undefined;
}

/** Formats COS ignores quality settings for (reference §8; SVG compression has no quality). */
export const FORMATS_WITHOUT_QUALITY: readonly RuleImageFormat[] = ["png", "gif", "bmp", "svgc"];

/** imageMogr2 operation names; `quality` also stands for `rquality` and `lquality`. */
export const MOGR2_OPERATIONS = [
  "thumbnail",
  "crop",
  "cut",
  "rcrop",
  "scrop",
  "dx",
  "dy",
  "pad",
  "color",
  "minsize",
  "flip",
  "iradius",
  "rradius",
  "rotate",
  "auto-orient",
  "gravity",
  "format",
  "quality",
  "rquality",
  "lquality",
  "blur",
  "sharpen",
  "bright",
  "contrast",
  "grayscale",
  "strip",
  "interlace",
  "size-limit",
  "cgif",
  "density",
  "AIGCMetadata",
  "ignore-error",
] as const;

export type Mogr2OperationName = (typeof MOGR2_OPERATIONS)[number];

/**
 * The fields of `AIGCMetadata` (CI's "AIGC metadata" page), each followed by URL-safe
 * Base64 of its value; `Label` is required.
 */
export const AIGC_METADATA_FIELDS = [
  "Label",
  "ContentProducer",
  "ProduceID",
  "ReservedCode1",
  "ReservedCode2",
  "PropagateID",
  "ContentPropagator",
] as const;

/** Operations written without a value. */
export const MOGR2_FLAGS: readonly Mogr2Op["op"][] = ["auto-orient", "strip"];

const MOGR2_OPERATION_SET: ReadonlySet<string> = new Set(MOGR2_OPERATIONS);

export function isMogr2Operation(word: string): word is Mogr2OperationName {
  return MOGR2_OPERATION_SET.has(word);
}

/** imageView2 parameters in the reference's order, which is also the canonical order. */
export const VIEW2_PARAMETERS = ["w", "h", "format", "q", "rq", "lq", "ignore-error"] as const;

/** watermark/1 parameters in the reference's order. */
export const IMAGE_WATERMARK_PARAMETERS = [
  "image",
  "image_key",
  "gravity",
  "dx",
  "dy",
  "blogo",
  "scatype",
  "spcent",
  "dissolve",
  "batch",
  "degree",
  "spacing",
] as const;

/** watermark/2 parameters in the reference's order. */
export const TEXT_WATERMARK_PARAMETERS = [
  "text",
  "font",
  "fontsize",
  "fill",
  "dissolve",
  "gravity",
  "dx",
  "dy",
  "batch",
  "degree",
  "spacing",
  "shadow",
  "scatype",
  "spcent",
] as const;

/** watermark/3 and watermark/4 parameters (CI's "blind watermark" page). */
export const BLIND_WATERMARK_PARAMETERS = ["type", "image", "text", "level"] as const;

/** Watermark parameters whose value is URL-safe Base64 of text. */
export const BASE64_PARAMETERS: ReadonlySet<string> = new Set(["image", "image_key", "text", "font", "fill"]);

/** How imageMogr2 names each kind of quality setting. */
export const QUALITY_OPERATION = { absolute: "quality", relative: "rquality", floor: "lquality" } as const;

/** How imageView2 names each kind of quality setting. */
export const QUALITY_PARAMETER = { absolute: "q", relative: "rq", floor: "lq" } as const;

/** Output formats the reference lists for imageView2; others belong to imageMogr2/format. */
export const VIEW2_FORMATS: readonly RuleImageFormat[] = ["jpg", "bmp", "gif", "png", "webp"];
