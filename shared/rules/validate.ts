/**
 * Range and consistency checks on a typed tree, against the one table in `limits.ts`.
 * Errors are what COS would refuse; warnings are what COS would silently ignore.
 */
import type {
  BlindWatermarkStage,
  Diagnostic,
  ImageMogr2Stage,
  ImageView2Stage,
  ImageWatermarkStage,
  Mogr2Op,
  Pipeline,
  QualitySetting,
  Span,
  Stage,
  TextWatermarkStage,
} from "./ast";
import { DiagnosticList } from "./diagnostics";
import { type LimitedOperation, type LimitedParameter, limitOf, WEBP_MAX_SIDE } from "./limits";
import { type ParsedRule, parseRule } from "./parse";
import { FORMATS_WITHOUT_QUALITY, QUALITY_OPERATION, QUALITY_PARAMETER, VIEW2_FORMATS } from "./vocabulary";

export function validateRule(pipeline: Pipeline): Diagnostic[] {
  const diagnostics = new DiagnosticList();
  const stageLimit = limitOf("pipeline", "stages");
  const extra = pipeline.stages[stageLimit.max];
  if (extra) {
    diagnostics.error(
      "out-of-range",
      { operation: "pipeline", parameter: "stages", span: extra.span },
      { parameter: "stages", min: stageLimit.min, max: stageLimit.max, got: pipeline.stages.length },
    );
  }
  for (const stage of pipeline.stages) validateStage(stage, diagnostics);
  return diagnostics.items;
}

/** Parse and validate in one go, diagnostics in reading order. */
export function checkRule(text: string): ParsedRule {
  const { pipeline, diagnostics } = parseRule(text);
  const all = [...diagnostics, ...validateRule(pipeline)];
  all.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { pipeline, diagnostics: all };
}

/**
 * `style/<name>` stages naming no style of the bucket the designer is looking at. A warning,
 * not an error: the list may be older than a style just added in COS's console.
 */
export function checkStyleNames(
  pipeline: Pipeline,
  bucket: string,
  styleNames: readonly string[],
): Diagnostic[] {
  const known = new Set(styleNames);
  const diagnostics = new DiagnosticList();
  for (const stage of pipeline.stages) {
    if (stage.kind !== "style" || stage.name === "" || known.has(stage.name)) continue;
    diagnostics.warning(
      "unknown-style",
      { operation: "style", parameter: "name", span: stage.span },
      { bucket, name: stage.name },
    );
  }
  return diagnostics.items;
}

function validateStage(stage: Stage, diagnostics: DiagnosticList): void {
  switch (stage.kind) {
    case "imageMogr2":
      validateMogr2(stage, diagnostics);
      break;
    case "imageView2":
      validateView2(stage, diagnostics);
      break;
    case "watermark":
      if (stage.type === 1) validateImageWatermark(stage, diagnostics);
      else validateTextWatermark(stage, diagnostics);
      break;
    case "blindWatermark":
      validateBlindWatermark(stage, diagnostics);
      break;
    case "style":
      if (stage.name === "")
        diagnostics.error(
          "missing-value.style-name",
          { operation: "style", parameter: "name", span: stage.span },
          {},
        );
      break;
    case "imageSlim":
    case "opaque":
      break;
  }
}

/** Checks one value against its limit; `undefined` (not set) passes. */
function checkRange<O extends LimitedOperation>(
  diagnostics: DiagnosticList,
  operation: O,
  parameter: LimitedParameter<O>,
  value: number | undefined,
  span: Span | undefined,
  shownAs: string = parameter,
): void {
  if (value === undefined) return;
  const limit = limitOf(operation, parameter);
  const where = { operation, parameter: shownAs, span };
  const args = { parameter: shownAs, min: limit.min, max: limit.max, got: value };
  const below = limit.minExclusive ? value <= limit.min : value < limit.min;
  if (below && limit.refuses !== "none") {
    if (limit.minExclusive)
      diagnostics.error("out-of-range.above-minimum", where, {
        parameter: shownAs,
        min: limit.min,
        got: value,
      });
    else diagnostics.error("out-of-range", where, args);
  } else if (value > limit.max && limit.refuses === undefined) {
    diagnostics.error("out-of-range", where, args);
  } else if (below || value > limit.max) {
    diagnostics.warning("out-of-range.unconfirmed", where, args);
  } else if (limit.integer && !Number.isInteger(value)) {
    diagnostics.error("not-whole-number", where, args);
  }
}

function validateMogr2(stage: ImageMogr2Stage, diagnostics: DiagnosticList): void {
  if (stage.ops.length === 0) {
    diagnostics.error("missing-value.no-operations", { operation: "imageMogr2", span: stage.span }, {});
  }
  for (const op of stage.ops) validateOp(op, stage.span, diagnostics);
  checkPad(stage, diagnostics);
  const output = stage.ops.find((op) => op.op === "format")?.format;
  if (output === undefined) return;
  for (const op of stage.ops) {
    const where = { operation: op.op, span: op.span };
    if (op.op === "size-limit" && output !== "jpg") {
      diagnostics.warning("ignored.size-limit", where, { format: output });
    }
    const geometry = op.op === "thumbnail" ? op.geometry : undefined;
    if (output === "webp" && geometry && geometry.mode !== "percent" && geometry.mode !== "area") {
      checkWebpSides(geometry, where, diagnostics);
    }
    if (op.op === "quality" && FORMATS_WITHOUT_QUALITY.includes(output)) {
      diagnostics.warning("ignored.quality", where, { format: output });
    }
    if (op.op === "interlace" && op.enabled && output !== "jpg") {
      diagnostics.warning("ignored.progressive", where, { format: output });
    }
    if ((op.op === "iradius" || op.op === "rradius") && output === "gif") {
      diagnostics.warning("ignored.gif-radius", where, {});
    }
  }
}

/** `stageSpan` stands in for an operation without spans of its own, so the column is never lost. */
function validateOp(op: Mogr2Op, stageSpan: Span | undefined, diagnostics: DiagnosticList): void {
  const at = op.valueSpan ?? op.span ?? stageSpan;
  switch (op.op) {
    case "thumbnail": {
      const geometry = op.geometry;
      if (geometry.mode === "percent") checkRange(diagnostics, "thumbnail", "percent", geometry.percent, at);
      else if (geometry.mode === "area") checkRange(diagnostics, "thumbnail", "pixels", geometry.pixels, at);
      else if (geometry.mode === "fit") checkFit(diagnostics, geometry, at);
      else checkSides(diagnostics, "thumbnail", geometry, at);
      break;
    }
    case "crop":
    case "rcrop":
    case "scrop":
      checkSides(diagnostics, op.op, op, at);
      break;
    case "dx":
    case "dy":
      checkRange(diagnostics, op.op, "pixels", op.pixels, at);
      break;
    case "color":
      if (!COLOUR.test(op.color)) {
        diagnostics.error("invalid-value.pad-colour", { operation: "color", span: at }, { text: op.color });
      }
      break;
    case "size-limit":
      checkRange(diagnostics, "size-limit", op.unit === "k" ? "kilobytes" : "megabytes", op.amount, at);
      break;
    case "cgif":
      checkRange(diagnostics, "cgif", "frames", op.frames, at);
      break;
    case "density":
      checkRange(diagnostics, "density", "dpi", op.dpi, at);
      break;
    case "AIGCMetadata":
      if (!op.fields.some((field) => field.name === "Label")) {
        diagnostics.error(
          "syntax.missing-parameter",
          { operation: "AIGCMetadata", parameter: "Label", span: op.span ?? stageSpan },
          { parameter: "Label" },
        );
      }
      break;
    case "cut":
      checkSides(diagnostics, "cut", op, at);
      checkRange(diagnostics, "cut", "dx", op.dx, at);
      checkRange(diagnostics, "cut", "dy", op.dy, at);
      break;
    case "iradius":
    case "rradius":
      checkRange(diagnostics, op.op, "radius", op.radius, at);
      break;
    case "rotate":
      checkRange(diagnostics, "rotate", "degrees", op.degrees, at);
      break;
    case "quality":
      checkQuality(diagnostics, QUALITY_OPERATION[op.quality.kind], "quality", op.quality, at);
      break;
    case "blur":
      checkRange(diagnostics, "blur", "radius", op.radius, at);
      checkRange(diagnostics, "blur", "sigma", op.sigma, at);
      break;
    case "sharpen":
    case "bright":
    case "contrast":
      checkRange(diagnostics, op.op, "amount", op.amount, at);
      break;
    default:
      break;
  }
}

/** `pad/1` and `color` shape a `thumbnail/<W>x<H>` fit; elsewhere COS has nothing to pad. */
function checkPad(stage: ImageMogr2Stage, diagnostics: DiagnosticList): void {
  const boxed = stage.ops.some(
    (op) =>
      op.op === "thumbnail" &&
      op.geometry.mode === "fit" &&
      op.geometry.width !== undefined &&
      op.geometry.height !== undefined,
  );
  if (boxed) return;
  for (const op of stage.ops) {
    if ((op.op === "pad" && op.enabled) || op.op === "color") {
      diagnostics.warning("ignored.pad", { operation: op.op, span: op.span ?? stage.span }, {});
    }
  }
}

/** WebP pictures are at most 16,383 px a side, below the 50,000 px of other formats. */
function checkWebpSides(
  geometry: { width?: number; height?: number },
  where: { operation: string; span: Span | undefined },
  diagnostics: DiagnosticList,
): void {
  for (const side of [geometry.width, geometry.height]) {
    if (side !== undefined && side > WEBP_MAX_SIDE) {
      diagnostics.warning("unconfirmed.webp-side", where, { max: WEBP_MAX_SIDE, got: side });
      return;
    }
  }
}

/** Width and height of thumbnail, crop, rcrop, cut and scrop; at least one must be given. */
function checkSides(
  diagnostics: DiagnosticList,
  operation: "thumbnail" | "crop" | "rcrop" | "cut" | "scrop",
  size: { width?: number; height?: number },
  span: Span | undefined,
): void {
  if (size.width === undefined && size.height === undefined) {
    diagnostics.error("missing-value.sides", { operation, span }, {});
  }
  checkRange(diagnostics, operation, "width", size.width, span);
  checkRange(diagnostics, operation, "height", size.height, span);
}

/**
 * `thumbnail/Wx`, `xH`, `WxH`: the parser never reads a fit without a side (`x` is not a
 * geometry), but a tree built by hand can hold one, and COS has no text for it.
 */
function checkFit(
  diagnostics: DiagnosticList,
  fit: { width?: number; height?: number },
  span: Span | undefined,
): void {
  if (fit.width === undefined && fit.height === undefined) {
    diagnostics.error("missing-value.fit-sides", { operation: "thumbnail", span }, {});
    return;
  }
  checkRange(diagnostics, "thumbnail", "width", fit.width, span);
  checkRange(diagnostics, "thumbnail", "height", fit.height, span);
}

function checkQuality<O extends "quality" | "rquality" | "lquality" | "imageView2">(
  diagnostics: DiagnosticList,
  operation: O,
  parameter: LimitedParameter<O>,
  quality: QualitySetting,
  span: Span | undefined,
): void {
  checkRange(diagnostics, operation, parameter, quality.value, span);
  if (quality.force && quality.kind !== "absolute") {
    diagnostics.error("invalid-value.forced-quality", { operation, parameter, span }, {});
  }
}

function validateView2(stage: ImageView2Stage, diagnostics: DiagnosticList): void {
  const at = (name: string) => stage.paramSpans?.[name] ?? stage.span;
  const modeLimit = limitOf("imageView2", "mode");
  const range = { min: modeLimit.min, max: modeLimit.max };
  const sets = [stage.mode, stage.width, stage.height, stage.format, stage.quality, stage.unknown[0]];
  if (sets.every((value) => value === undefined)) {
    diagnostics.error(
      "missing-value.view2-nothing",
      {
        operation: "imageView2",
        parameter: "mode",
        span: stage.span && { start: stage.span.end, end: stage.span.end },
      },
      range,
    );
  }
  if (stage.mode === undefined) {
    // Without a mode there is nothing to resize by: w and h have no meaning (reference §7.4).
    for (const [name, value] of [
      ["w", stage.width],
      ["h", stage.height],
    ] as const) {
      if (value === undefined) continue;
      diagnostics.error(
        "missing-value.view2-mode",
        { operation: "imageView2", parameter: "mode", span: at(name) },
        { parameter: name, ...range },
      );
    }
  } else if (stage.mode === 0) {
    diagnostics.warning(
      "not-supported.mode-0",
      { operation: "imageView2", parameter: "mode", span: at("mode") },
      range,
    );
  } else {
    checkRange(diagnostics, "imageView2", "mode", stage.mode, at("mode"));
  }
  checkRange(diagnostics, "imageView2", "w", stage.width, at("w"));
  checkRange(diagnostics, "imageView2", "h", stage.height, at("h"));
  if (stage.format === "webp") {
    checkWebpSides(stage, { operation: "imageView2", span: stage.span }, diagnostics);
  }
  if (stage.format !== undefined && !VIEW2_FORMATS.includes(stage.format)) {
    diagnostics.warning(
      "not-supported.view2-format",
      { operation: "imageView2", parameter: "format", span: at("format") },
      { options: VIEW2_FORMATS.join(", "), format: stage.format },
    );
  }
  const quality = stage.quality;
  if (quality) {
    const name = QUALITY_PARAMETER[quality.kind];
    checkQuality(diagnostics, "imageView2", name, quality, at(name));
    if (stage.format && FORMATS_WITHOUT_QUALITY.includes(stage.format)) {
      diagnostics.warning(
        "ignored.quality",
        { operation: "imageView2", parameter: name, span: at(name) },
        { format: stage.format },
      );
    }
  }
}

/**
 * CI's pages require `http://` and a picture of the same bucket on one of its COS or CI
 * origins, not a CDN domain: `<bucket>.cos.<region>.myqcloud.com` (Image Watermark),
 * `<bucket>.pic<region>.myqcloud.com` (its own examples), `<bucket>.cos.<region>.tencentcos.cn`
 * (the official Python demo).
 */
const WATERMARK_IMAGE_URL = /^http:\/\/[a-z0-9.-]+\.(myqcloud\.com|tencentcos\.cn)\/./;

function checkWatermarkImage(
  operation: string,
  url: string,
  span: Span | undefined,
  diagnostics: DiagnosticList,
): void {
  if (!WATERMARK_IMAGE_URL.test(url)) {
    diagnostics.error(
      "invalid-value.watermark-image",
      { operation, parameter: "image", span },
      { text: url },
    );
  }
}

/** spcent is 1–1000 per mille by width or height and 1–250 by area (CI "Image Watermark"). */
function checkScale(
  operation: "watermark/1" | "watermark/2",
  stage: { scatype?: 1 | 2 | 3; spcent?: number },
  span: Span | undefined,
  diagnostics: DiagnosticList,
): void {
  const limit = stage.scatype === 3 ? "spcent-area" : "spcent";
  checkRange(diagnostics, operation, limit, stage.spcent, span, "spcent");
  if (stage.spcent !== undefined && stage.scatype === undefined) {
    diagnostics.warning("ignored.spcent", { operation, parameter: "spcent", span }, {});
  }
}

function validateImageWatermark(stage: ImageWatermarkStage, diagnostics: DiagnosticList): void {
  const at = (name: string) => stage.paramSpans?.[name] ?? stage.span;
  if (stage.imageUrl !== undefined)
    checkWatermarkImage("watermark/1", stage.imageUrl, at("image"), diagnostics);
  checkRange(diagnostics, "watermark/1", "dx", stage.dx, at("dx"));
  checkRange(diagnostics, "watermark/1", "dy", stage.dy, at("dy"));
  checkScale("watermark/1", stage, at("spcent"), diagnostics);
  checkRange(diagnostics, "watermark/1", "dissolve", stage.dissolve, at("dissolve"));
  checkRange(diagnostics, "watermark/1", "degree", stage.degree, at("degree"));
  checkRange(diagnostics, "watermark/1", "spacing", stage.spacing, at("spacing"));
}

function validateBlindWatermark(stage: BlindWatermarkStage, diagnostics: DiagnosticList): void {
  const operation = `watermark/${stage.type}`;
  const at = (name: string) => stage.paramSpans?.[name] ?? stage.span;
  const missing = (parameter: string) =>
    diagnostics.error("syntax.missing-parameter", { operation, parameter, span: stage.span }, { parameter });
  if (stage.mode === undefined) missing("type");
  else if (stage.mode === 3 && stage.text === undefined) missing("text");
  else if (stage.mode !== 3 && stage.imageUrl === undefined) missing("image");
  if (stage.imageUrl !== undefined) checkWatermarkImage(operation, stage.imageUrl, at("image"), diagnostics);
  checkRange(diagnostics, "watermark/3", "level", stage.level, at("level"));
}

const COLOUR = /^#[0-9A-Fa-f]{6}$/;

function validateTextWatermark(stage: TextWatermarkStage, diagnostics: DiagnosticList): void {
  const at = (name: string) => stage.paramSpans?.[name] ?? stage.span;
  if (stage.text === "") {
    diagnostics.error(
      "missing-value.text",
      { operation: "watermark/2", parameter: "text", span: at("text") },
      {},
    );
  }
  if (stage.fill !== undefined && !COLOUR.test(stage.fill)) {
    diagnostics.error(
      "invalid-value.colour",
      { operation: "watermark/2", parameter: "fill", span: at("fill") },
      { text: stage.fill },
    );
  }
  checkRange(diagnostics, "watermark/2", "fontsize", stage.fontsize, at("fontsize"));
  checkRange(diagnostics, "watermark/2", "dissolve", stage.dissolve, at("dissolve"));
  checkRange(diagnostics, "watermark/2", "dx", stage.dx, at("dx"));
  checkRange(diagnostics, "watermark/2", "dy", stage.dy, at("dy"));
  checkRange(diagnostics, "watermark/2", "degree", stage.degree, at("degree"));
  checkRange(diagnostics, "watermark/2", "spacing", stage.spacing, at("spacing"));
  checkRange(diagnostics, "watermark/2", "shadow", stage.shadow, at("shadow"));
  checkScale("watermark/2", stage, at("spcent"), diagnostics);
  if (stage.degree !== undefined && stage.batch !== true) {
    diagnostics.warning(
      "ignored.degree",
      { operation: "watermark/2", parameter: "degree", span: at("degree") },
      {},
    );
  }
}
