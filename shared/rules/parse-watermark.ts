/**
 * Reads one `watermark/1/…` (image), `watermark/2/…` (text) or `watermark/3|4/…` (blind)
 * stage (reference §7.5; CI's "Image Watermark", "Text Watermark" and "Blind Watermark" pages).
 */
import type { BlindWatermarkStage, ImageWatermarkStage, OpaqueStage, Span, TextWatermarkStage } from "./ast";
import type { DiagnosticList, Expectation } from "./diagnostics";
import { applyParams, type ParamGrammar } from "./params";
import type { Token } from "./tokens";
import { signedNumber, switchFromText, textFromBase64 } from "./values";
import {
  BASE64_PARAMETERS,
  BLIND_WATERMARK_PARAMETERS,
  GRAVITY_NAMES,
  gravityFromText,
  IMAGE_WATERMARK_PARAMETERS,
  TEXT_WATERMARK_PARAMETERS,
} from "./vocabulary";

type WatermarkStage = ImageWatermarkStage | TextWatermarkStage;

const EXPECTED_BASE64 = {
  image: { expected: "base64-image" },
  image_key: { expected: "base64-key" },
  text: { expected: "base64-text" },
  font: { expected: "base64-font" },
  fill: { expected: "base64-fill" },
} as const satisfies Record<string, Expectation>;

/** Fields both watermark types share: placement, opacity, tiling and scaling. */
function applyCommon(stage: WatermarkStage, name: string, value: string): Expectation | undefined {
  if (name === "gravity") {
    const gravity = gravityFromText(value);
    if (gravity === undefined)
      return { expected: "one-of", options: Object.values(GRAVITY_NAMES).join(", ") };
    stage.gravity = gravity;
    return undefined;
  }
  if (name === "batch") {
    const batch = switchFromText(value);
    if (batch === undefined) return { expected: "switch" };
    stage.batch = batch;
    return undefined;
  }
  if (name === "scatype") {
    if (value !== "1" && value !== "2" && value !== "3") return { expected: "scatype" };
    stage.scatype = Number(value) as 1 | 2 | 3;
    return undefined;
  }
  const amount = signedNumber(value);
  if (amount === undefined) return { expected: name === "spcent" ? "per-mille" : "number" };
  if (name === "dx" || name === "dy" || name === "dissolve" || name === "degree") stage[name] = amount;
  else if (name === "spacing" || name === "spcent") stage[name] = amount;
  return undefined;
}

function isWholeValue(name: string, value: string): boolean {
  return BASE64_PARAMETERS.has(name) && textFromBase64(value) !== undefined;
}

const IMAGE_GRAMMAR: ParamGrammar<ImageWatermarkStage> = {
  operation: "watermark/1",
  known: IMAGE_WATERMARK_PARAMETERS,
  isWholeValue,
  apply(stage, name, value) {
    if (name === "image" || name === "image_key") {
      const decoded = textFromBase64(value);
      if (decoded === undefined) return EXPECTED_BASE64[name];
      if (name === "image") stage.imageUrl = decoded;
      else stage.imageKey = decoded;
    } else if (name === "blogo") {
      if (value !== "1" && value !== "2") return { expected: "blogo" };
      stage.blogo = value === "1" ? 1 : 2;
    } else {
      return applyCommon(stage, name, value);
    }
    return undefined;
  },
};

const TEXT_GRAMMAR: ParamGrammar<TextWatermarkStage> = {
  operation: "watermark/2",
  known: TEXT_WATERMARK_PARAMETERS,
  isWholeValue,
  apply(stage, name, value) {
    if (name === "text" || name === "font" || name === "fill") {
      const text = textFromBase64(value);
      if (text === undefined) return EXPECTED_BASE64[name];
      stage[name] = text;
    } else if (name === "fontsize" || name === "shadow") {
      const amount = signedNumber(value);
      if (amount === undefined) return { expected: "number" };
      stage[name] = amount;
    } else {
      return applyCommon(stage, name, value);
    }
    return undefined;
  },
};

const BLIND_GRAMMAR: ParamGrammar<BlindWatermarkStage> = {
  operation: "watermark/3",
  known: BLIND_WATERMARK_PARAMETERS,
  isWholeValue,
  apply(stage, name, value) {
    if (name === "type") {
      if (value !== "1" && value !== "2" && value !== "3") return { expected: "blind-type" };
      stage.mode = Number(value) as 1 | 2 | 3;
    } else if (name === "image" || name === "text") {
      const decoded = textFromBase64(value);
      if (decoded === undefined) return EXPECTED_BASE64[name];
      if (name === "image") stage.imageUrl = decoded;
      else stage.text = decoded;
    } else {
      const level = signedNumber(value);
      if (level === undefined) return { expected: "number" };
      stage.level = level;
    }
    return undefined;
  },
};

function parseBlindWatermark(
  type: 3 | 4,
  params: Token[],
  span: Span,
  diagnostics: DiagnosticList,
): BlindWatermarkStage {
  const stage: BlindWatermarkStage = { kind: "blindWatermark", type, unknown: [], span };
  applyParams(stage, params, { ...BLIND_GRAMMAR, operation: `watermark/${type}` }, diagnostics);
  return stage;
}

/**
 * `tokens` are the words after `watermark`. A watermark without its picture or text cannot
 * be typed, so it is kept verbatim as an opaque stage.
 */
export function parseWatermark(
  text: string,
  tokens: Token[],
  span: Span,
  diagnostics: DiagnosticList,
): WatermarkStage | BlindWatermarkStage | OpaqueStage {
  const typeToken = tokens[0];
  const opaque: OpaqueStage = { kind: "opaque", text, span };
  if (typeToken === undefined || typeToken.text === "") {
    const at = typeToken?.span ?? { start: span.end, end: span.end };
    diagnostics.error(
      "syntax.missing-watermark-type",
      { operation: "watermark", parameter: "type", span: at },
      {},
    );
    return opaque;
  }
  if (typeToken.text === "3" || typeToken.text === "4") {
    return parseBlindWatermark(typeToken.text === "3" ? 3 : 4, tokens.slice(1), span, diagnostics);
  }
  if (typeToken.text !== "1" && typeToken.text !== "2") {
    diagnostics.warning(
      "unknown-operation.watermark-type",
      { operation: "watermark", parameter: "type", span: typeToken.span },
      { type: typeToken.text },
    );
    return opaque;
  }
  const params = tokens.slice(1);
  const stage: WatermarkStage =
    typeToken.text === "1"
      ? { kind: "watermark", type: 1, unknown: [], span }
      : { kind: "watermark", type: 2, text: "", unknown: [], span };
  if (stage.type === 1) applyParams(stage, params, IMAGE_GRAMMAR, diagnostics);
  else applyParams(stage, params, TEXT_GRAMMAR, diagnostics);
  const required: string[] = stage.type === 1 ? ["image", "image_key"] : ["text"];
  if (required.some((name) => stage.paramSpans?.[name] !== undefined)) return stage;
  // A value that could not be read was reported already; only a missing one is reported here.
  if (!stage.unknown.some((param) => required.includes(param.name))) {
    diagnostics.error(
      "syntax.missing-parameter",
      { operation: `watermark/${stage.type}`, parameter: required[0], span: typeToken.span },
      { parameter: required[0] as string },
    );
  }
  return opaque;
}
