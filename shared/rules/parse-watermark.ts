/** Reads one `watermark/1/…` (image) or `watermark/2/…` (text) stage (reference §7.5). */
import type { ImageWatermarkStage, OpaqueStage, Span, TextWatermarkStage } from "./ast";
import type { DiagnosticList, Expectation } from "./diagnostics";
import { applyParams, type ParamGrammar } from "./params";
import type { Token } from "./tokens";
import { signedNumber, switchFromText, textFromBase64 } from "./values";
import {
  BASE64_PARAMETERS,
  GRAVITY_NAMES,
  gravityFromText,
  IMAGE_WATERMARK_PARAMETERS,
  TEXT_WATERMARK_PARAMETERS,
} from "./vocabulary";

type WatermarkStage = ImageWatermarkStage | TextWatermarkStage;

const EXPECTED_BASE64 = {
  image: { expected: "base64-image" },
  text: { expected: "base64-text" },
  font: { expected: "base64-font" },
  fill: { expected: "base64-fill" },
} as const satisfies Record<string, Expectation>;

/** Fields both watermark types share. */
function applyCommon(stage: WatermarkStage, name: string, value: string): Expectation | undefined {
  if (name === "gravity") {
    const gravity = gravityFromText(value);
    if (gravity === undefined)
      return { expected: "one-of", options: Object.values(GRAVITY_NAMES).join(", ") };
    stage.gravity = gravity;
    return undefined;
  }
  const amount = signedNumber(value);
  if (amount === undefined) return { expected: "number" };
  if (name === "dx" || name === "dy" || name === "dissolve") stage[name] = amount;
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
    if (name === "image") {
      const url = textFromBase64(value);
      if (url === undefined) return EXPECTED_BASE64.image;
      stage.imageUrl = url;
    } else if (name === "blogo") {
      if (value !== "1" && value !== "2") return { expected: "blogo" };
      stage.blogo = value === "1" ? 1 : 2;
    } else if (name === "scatype") {
      if (value !== "1" && value !== "2" && value !== "3") return { expected: "scatype" };
      stage.scatype = Number(value) as 1 | 2 | 3;
    } else if (name === "spcent") {
      const spcent = signedNumber(value);
      if (spcent === undefined) return { expected: "per-mille" };
      stage.spcent = spcent;
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
    } else if (name === "batch") {
      const batch = switchFromText(value);
      if (batch === undefined) return { expected: "switch" };
      stage.batch = batch;
    } else if (name === "fontsize" || name === "degree" || name === "shadow") {
      const amount = signedNumber(value);
      if (amount === undefined) return { expected: "number" };
      stage[name] = amount;
    } else {
      return applyCommon(stage, name, value);
    }
    return undefined;
  },
};

/**
 * `tokens` are the words after `watermark`. A watermark without its picture or text cannot
 * be typed, so it is kept verbatim as an opaque stage.
 */
export function parseWatermark(
  text: string,
  tokens: Token[],
  span: Span,
  diagnostics: DiagnosticList,
): WatermarkStage | OpaqueStage {
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
      ? { kind: "watermark", type: 1, imageUrl: "", unknown: [], span }
      : { kind: "watermark", type: 2, text: "", unknown: [], span };
  if (stage.type === 1) applyParams(stage, params, IMAGE_GRAMMAR, diagnostics);
  else applyParams(stage, params, TEXT_GRAMMAR, diagnostics);
  const required = stage.type === 1 ? "image" : "text";
  if (stage.paramSpans?.[required] !== undefined) return stage;
  // A value that could not be read was reported already; only a missing one is reported here.
  if (!stage.unknown.some((param) => param.name === required)) {
    diagnostics.error(
      "syntax.missing-parameter",
      { operation: `watermark/${stage.type}`, parameter: required, span: typeToken.span },
      { parameter: required },
    );
  }
  return opaque;
}
