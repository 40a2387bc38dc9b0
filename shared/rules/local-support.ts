/**
 * How Picops runs each part of a rule on this machine (the Local bucket and the preview),
 * declared once for the engine, the preview, the upload plan and docs/ci-conformance.md:
 * - `exact`: the documented result (geometry, format, parameters) is reproduced;
 * - `approximation`: CI's own algorithm is replaced by the closest honest equivalent
 *   (face-aware scrop by libvips's attention crop, imageSlim's compression by a plain re-encode);
 * - `cos-only`: Tencent's own codec or watermarking, which only COS can run; locally the rule
 *   answers 501 with a sentence, and a real COS connection receives it as written.
 */
import type { Mogr2Op, Pipeline, RuleImageFormat, Span, Stage } from "./ast";

export type LocalSupport = "exact" | "approximation" | "cos-only";

/** Every imageMogr2 operation; `format` is refined by the format it names (`FORMAT_LOCAL_SUPPORT`). */
export const MOGR2_LOCAL_SUPPORT: Record<Mogr2Op["op"], LocalSupport> = {
  thumbnail: "exact",
  crop: "exact",
  cut: "exact",
  rcrop: "exact",
  scrop: "approximation",
  dx: "exact",
  dy: "exact",
  pad: "exact",
  color: "exact",
  // Its effect is not documented on the pages Picops could read: COS applies it, Picops cannot.
  minsize: "cos-only",
  flip: "exact",
  iradius: "exact",
  rradius: "exact",
  rotate: "exact",
  "auto-orient": "exact",
  gravity: "exact",
  format: "exact",
  quality: "exact",
  blur: "exact",
  sharpen: "approximation",
  bright: "exact",
  contrast: "exact",
  grayscale: "exact",
  strip: "exact",
  interlace: "exact",
  "size-limit": "approximation",
  cgif: "exact",
  density: "exact",
  AIGCMetadata: "cos-only",
  "ignore-error": "exact",
  unknown: "cos-only",
};

/**
 * Output formats: the engine writes JPEG, PNG, WebP, AVIF, GIF and BMP; YJPEG is CI's tuned
 * JPEG (a plain JPEG locally); HEIF needs an HEVC encoder, which this libvips build lacks;
 * TPG and SVGC are Tencent's own.
 */
export const FORMAT_LOCAL_SUPPORT: Record<RuleImageFormat, LocalSupport> = {
  jpg: "exact",
  png: "exact",
  webp: "exact",
  avif: "exact",
  gif: "exact",
  bmp: "exact",
  yjpeg: "approximation",
  heif: "cos-only",
  tpg: "cos-only",
  svgc: "cos-only",
};

/** Processors other than imageMogr2; a style is as its body is, known only once it is resolved. */
export const STAGE_LOCAL_SUPPORT: Record<Exclude<Stage["kind"], "imageMogr2">, LocalSupport> = {
  imageView2: "exact",
  watermark: "exact",
  blindWatermark: "cos-only",
  imageSlim: "approximation",
  style: "exact",
  opaque: "cos-only",
};

/** One part of a rule that does not run exactly here, named as the rule writes it. */
export interface LocalRunNote {
  support: Exclude<LocalSupport, "exact">;
  /** e.g. `scrop`, `format/tpg`, `watermark/3`, `imageSlim`, or an unknown processor's name. */
  operation: string;
  span?: Span;
}

export interface LocalRun {
  /** The least exact of its parts: `cos-only` if any part is, else `approximation` if any is. */
  support: LocalSupport;
  notes: LocalRunNote[];
}

function opNote(op: Mogr2Op): LocalRunNote | undefined {
  const support = op.op === "format" ? FORMAT_LOCAL_SUPPORT[op.format] : MOGR2_LOCAL_SUPPORT[op.op];
  if (support === "exact") return undefined;
  const operation = op.op === "format" ? `format/${op.format}` : op.op === "unknown" ? op.name : op.op;
  return op.span ? { support, operation, span: op.span } : { support, operation };
}

function stageNotes(stage: Stage): LocalRunNote[] {
  const at = (note: LocalRunNote): LocalRunNote => (stage.span ? { ...note, span: stage.span } : note);
  switch (stage.kind) {
    case "imageMogr2":
      return stage.ops.flatMap((op) => opNote(op) ?? []);
    case "imageView2": {
      const support = stage.format === undefined ? "exact" : FORMAT_LOCAL_SUPPORT[stage.format];
      return support === "exact" ? [] : [at({ support, operation: `format/${stage.format}` })];
    }
    case "watermark":
    case "style":
      return [];
    case "blindWatermark":
      return [at({ support: "cos-only", operation: `watermark/${stage.type}` })];
    case "imageSlim":
      return [at({ support: "approximation", operation: "imageSlim" })];
    case "opaque":
      return [at({ support: "cos-only", operation: stage.text.split("/")[0] ?? stage.text })];
  }
}

/**
 * How a rule runs locally. Styles count as exact here: what they hold is known only once the
 * bucket's styles are read, so callers that resolved them pass the expanded pipeline.
 */
export function howRuleRunsLocally(pipeline: Pipeline): LocalRun {
  const notes = pipeline.stages.flatMap(stageNotes);
  const support = notes.some((note) => note.support === "cos-only")
    ? "cos-only"
    : notes.length > 0
      ? "approximation"
      : "exact";
  return { support, notes };
}
