/**
 * Range and consistency checks on a typed tree, against the one table in `limits.ts`.
 * Errors are what COS would refuse; warnings are what COS would silently ignore.
 */
import type {
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
import { DiagnosticList, quoted } from "./diagnostics";
import { type LimitedOperation, type LimitedParameter, limitOf, rangeText } from "./limits";
import { numberToText } from "./numbers";
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
      `stages must be ${rangeText(stageLimit)}, got ${pipeline.stages.length}`,
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
    case "style":
      if (stage.name === "")
        diagnostics.error(
          "missing-value",
          { operation: "style", parameter: "name", span: stage.span },
          "missing style name",
        );
      break;
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
): void {
  if (value === undefined) return;
  const limit = limitOf(operation, parameter);
  const where = { operation, parameter, span };
  const got = `got ${numberToText(value)}`;
  if (value < limit.min || value > limit.max) {
    diagnostics.error("out-of-range", where, `${parameter} must be ${rangeText(limit)}, ${got}`);
  } else if (limit.integer && !Number.isInteger(value)) {
    diagnostics.error(
      "not-whole-number",
      where,
      `${parameter} must be a whole number ${rangeText(limit)}, ${got}`,
    );
  }
}

function validateMogr2(stage: ImageMogr2Stage, diagnostics: DiagnosticList): void {
  if (stage.ops.length === 0) {
    diagnostics.error(
      "missing-value",
      { operation: "imageMogr2", span: stage.span },
      "at least one operation is needed",
    );
  }
  for (const op of stage.ops) validateOp(op, diagnostics);
  const output = stage.ops.find((op) => op.op === "format")?.format;
  if (output === undefined) return;
  for (const op of stage.ops) {
    const where = { operation: op.op, span: op.span };
    if (op.op === "quality" && FORMATS_WITHOUT_QUALITY.includes(output)) {
      diagnostics.warning("ignored", where, `COS ignores quality settings for ${output} output`);
    }
    if (op.op === "interlace" && op.enabled && output !== "jpg") {
      diagnostics.warning(
        "ignored",
        where,
        `progressive output needs format/jpg; COS ignores it for ${output}`,
      );
    }
    if ((op.op === "iradius" || op.op === "rradius") && output === "gif") {
      diagnostics.warning("ignored", where, "COS does not round GIF pictures");
    }
  }
}

function validateOp(op: Mogr2Op, diagnostics: DiagnosticList): void {
  const at = op.valueSpan ?? op.span;
  switch (op.op) {
    case "thumbnail": {
      const geometry = op.geometry;
      if (geometry.mode === "percent") checkRange(diagnostics, "thumbnail", "percent", geometry.percent, at);
      else if (geometry.mode === "area") checkRange(diagnostics, "thumbnail", "pixels", geometry.pixels, at);
      else checkSides(diagnostics, "thumbnail", geometry, at);
      break;
    }
    case "crop":
    case "scrop":
      checkSides(diagnostics, op.op, op, at);
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

/** Width and height of thumbnail, crop, cut and scrop; at least one must be given. */
function checkSides(
  diagnostics: DiagnosticList,
  operation: "thumbnail" | "crop" | "cut" | "scrop",
  size: { width?: number; height?: number },
  span: Span | undefined,
): void {
  if (size.width === undefined && size.height === undefined) {
    diagnostics.error("missing-value", { operation, span }, "give a width, a height or both");
  }
  checkRange(diagnostics, operation, "width", size.width, span);
  checkRange(diagnostics, operation, "height", size.height, span);
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
    diagnostics.error(
      "invalid-value",
      { operation, parameter, span },
      "only an absolute quality can be forced with !",
    );
  }
}

function validateView2(stage: ImageView2Stage, diagnostics: DiagnosticList): void {
  const at = (name: string) => stage.paramSpans?.[name] ?? stage.span;
  if (stage.mode === 0) {
    diagnostics.warning(
      "not-supported",
      { operation: "imageView2", parameter: "mode", span: at("mode") },
      `mode 0 comes from Qiniu; Cloud Infinite documents modes ${rangeText(limitOf("imageView2", "mode"))} and may refuse it`,
    );
  } else {
    checkRange(diagnostics, "imageView2", "mode", stage.mode, at("mode"));
  }
  checkRange(diagnostics, "imageView2", "w", stage.width, at("w"));
  checkRange(diagnostics, "imageView2", "h", stage.height, at("h"));
  if (stage.format !== undefined && !VIEW2_FORMATS.includes(stage.format)) {
    diagnostics.warning(
      "not-supported",
      { operation: "imageView2", parameter: "format", span: at("format") },
      `format must be one of ${VIEW2_FORMATS.join(", ")} here, got ${stage.format}; use imageMogr2/format instead`,
    );
  }
  const quality = stage.quality;
  if (quality) {
    const name = QUALITY_PARAMETER[quality.kind];
    checkQuality(diagnostics, "imageView2", name, quality, at(name));
    if (stage.format && FORMATS_WITHOUT_QUALITY.includes(stage.format)) {
      diagnostics.warning(
        "ignored",
        { operation: "imageView2", parameter: name, span: at(name) },
        `COS ignores quality settings for ${stage.format} output`,
      );
    }
  }
}

/** `http://<bucket>.cos.<region>.myqcloud.com/<key>` (reference §7.5). */
const WATERMARK_IMAGE_URL = /^http:\/\/[a-z0-9-]+\.cos\.[a-z0-9-]+\.myqcloud\.com\/./;

function validateImageWatermark(stage: ImageWatermarkStage, diagnostics: DiagnosticList): void {
  const at = (name: string) => stage.paramSpans?.[name] ?? stage.span;
  if (!WATERMARK_IMAGE_URL.test(stage.imageUrl)) {
    diagnostics.error(
      "invalid-value",
      { operation: "watermark/1", parameter: "image", span: at("image") },
      `image must be the http:// COS address of a picture in this bucket, such as http://examplebucket-1250000000.cos.ap-shanghai.myqcloud.com/logo.png, got ${quoted(stage.imageUrl)}`,
    );
  }
  checkRange(diagnostics, "watermark/1", "dx", stage.dx, at("dx"));
  checkRange(diagnostics, "watermark/1", "dy", stage.dy, at("dy"));
  checkRange(diagnostics, "watermark/1", "spcent", stage.spcent, at("spcent"));
  checkRange(diagnostics, "watermark/1", "dissolve", stage.dissolve, at("dissolve"));
  if (stage.spcent !== undefined && stage.scatype === undefined) {
    diagnostics.warning(
      "ignored",
      { operation: "watermark/1", parameter: "spcent", span: at("spcent") },
      "spcent only applies together with scatype",
    );
  }
}

const COLOUR = /^#[0-9A-Fa-f]{6}$/;

function validateTextWatermark(stage: TextWatermarkStage, diagnostics: DiagnosticList): void {
  const at = (name: string) => stage.paramSpans?.[name] ?? stage.span;
  if (stage.text === "") {
    diagnostics.error(
      "missing-value",
      { operation: "watermark/2", parameter: "text", span: at("text") },
      "text must not be empty",
    );
  }
  if (stage.fill !== undefined && !COLOUR.test(stage.fill)) {
    diagnostics.error(
      "invalid-value",
      { operation: "watermark/2", parameter: "fill", span: at("fill") },
      `fill must be a colour #RRGGBB, got ${quoted(stage.fill)}`,
    );
  }
  checkRange(diagnostics, "watermark/2", "fontsize", stage.fontsize, at("fontsize"));
  checkRange(diagnostics, "watermark/2", "dissolve", stage.dissolve, at("dissolve"));
  checkRange(diagnostics, "watermark/2", "dx", stage.dx, at("dx"));
  checkRange(diagnostics, "watermark/2", "dy", stage.dy, at("dy"));
  checkRange(diagnostics, "watermark/2", "degree", stage.degree, at("degree"));
  checkRange(diagnostics, "watermark/2", "shadow", stage.shadow, at("shadow"));
  if (stage.degree !== undefined && stage.batch !== true) {
    diagnostics.warning(
      "ignored",
      { operation: "watermark/2", parameter: "degree", span: at("degree") },
      "degree only applies to tiled text (batch/1)",
    );
  }
}
