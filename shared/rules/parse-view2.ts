/** Reads one `imageView2/<mode>/w/…/h/…` stage (reference §7.4). */
import type { ImageView2Stage, OpaqueStage, QualitySetting, Span } from "./ast";
import type { DiagnosticList } from "./diagnostics";
import { limitOf } from "./limits";
import { applyParams, type ParamGrammar } from "./params";
import type { Token } from "./tokens";
import { qualityFromText, signedNumber, switchFromText } from "./values";
import { formatFromText, QUALITY_PARAMETER, VIEW2_FORMATS, VIEW2_PARAMETERS } from "./vocabulary";

/** `q` → absolute, `rq` → relative, `lq` → floor. */
function qualityKindOf(name: string): QualitySetting["kind"] | undefined {
  const entry = Object.entries(QUALITY_PARAMETER).find(([, parameter]) => parameter === name);
  return entry?.[0] as QualitySetting["kind"] | undefined;
}

const VIEW2_GRAMMAR: ParamGrammar<ImageView2Stage> = {
  operation: "imageView2",
  known: VIEW2_PARAMETERS,
  slotOf: (name) => (qualityKindOf(name) ? "quality" : name),
  apply(stage, name, value) {
    if (name === "w" || name === "h") {
      const pixels = signedNumber(value);
      if (pixels === undefined) return { expected: "pixels" };
      if (name === "w") stage.width = pixels;
      else stage.height = pixels;
    } else if (name === "format") {
      const format = formatFromText(value);
      if (format === undefined) return { expected: "one-of", options: VIEW2_FORMATS.join(", ") };
      stage.format = format;
    } else if (name === "ignore-error") {
      const enabled = switchFromText(value);
      if (enabled === undefined) return { expected: "switch" };
      stage.ignoreError = enabled;
    } else {
      const kind = qualityKindOf(name) ?? "absolute";
      const quality = qualityFromText(kind, value);
      if (quality === undefined) return { expected: kind === "absolute" ? "forceable-quality" : "quality" };
      stage.quality = quality;
    }
    return undefined;
  },
};

/**
 * `tokens` are the words after `imageView2`. The mode is optional (`imageView2/format/png`
 * only converts); a first word of digits is the mode. A mode out of range leaves the stage
 * untyped, so it is kept verbatim as an opaque stage.
 */
export function parseView2(
  text: string,
  tokens: Token[],
  span: Span,
  diagnostics: DiagnosticList,
): ImageView2Stage | OpaqueStage {
  const modeLimit = limitOf("imageView2", "mode");
  const range = { min: modeLimit.min, max: modeLimit.max };
  const [first] = tokens;
  const stage: ImageView2Stage = { kind: "imageView2", unknown: [], span, paramSpans: {} };
  let params = tokens;
  if (first !== undefined && /^\d+$/.test(first.text)) {
    const mode = Number(first.text);
    if (mode > 5) {
      diagnostics.error(
        "out-of-range",
        { operation: "imageView2", parameter: "mode", span: first.span },
        { parameter: "mode", ...range, got: first.text },
      );
      return { kind: "opaque", text, span };
    }
    stage.mode = mode as ImageView2Stage["mode"];
    stage.paramSpans = { mode: first.span };
    params = tokens.slice(1);
  }
  applyParams(stage, params, VIEW2_GRAMMAR, diagnostics);
  return stage;
}
