/** Reads one `imageView2/<mode>/w/…/h/…` stage (reference §7.4). */
import type { ImageView2Stage, OpaqueStage, QualitySetting, Span } from "./ast";
import type { DiagnosticList } from "./diagnostics";
import { limitOf, rangeText } from "./limits";
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
      if (pixels === undefined) return "a number of pixels such as 200";
      if (name === "w") stage.width = pixels;
      else stage.height = pixels;
    } else if (name === "format") {
      const format = formatFromText(value);
      if (format === undefined) return `one of ${VIEW2_FORMATS.join(", ")}`;
      stage.format = format;
    } else if (name === "ignore-error") {
      const enabled = switchFromText(value);
      if (enabled === undefined) return "0 or 1";
      stage.ignoreError = enabled;
    } else {
      const kind = qualityKindOf(name) ?? "absolute";
      const quality = qualityFromText(kind, value);
      if (quality === undefined)
        return kind === "absolute" ? "a quality such as 80 or 80!" : "a quality such as 80";
      stage.quality = quality;
    }
    return undefined;
  },
};

/**
 * `tokens` are the words after `imageView2`. Without a readable mode the stage cannot be
 * typed, so it is kept verbatim as an opaque stage.
 */
export function parseView2(
  text: string,
  tokens: Token[],
  span: Span,
  diagnostics: DiagnosticList,
): ImageView2Stage | OpaqueStage {
  const modeToken = tokens[0];
  const modeLimit = limitOf("imageView2", "mode");
  const where = { operation: "imageView2", parameter: "mode" };
  if (modeToken === undefined || !/^\d+$/.test(modeToken.text)) {
    const at = modeToken?.span ?? { start: span.end, end: span.end };
    diagnostics.error(
      "syntax",
      { ...where, span: at },
      `missing mode: a number ${rangeText(modeLimit)} must follow imageView2`,
    );
    return { kind: "opaque", text, span };
  }
  const mode = Number(modeToken.text);
  if (mode > 5) {
    diagnostics.error(
      "out-of-range",
      { ...where, span: modeToken.span },
      `mode must be ${rangeText(modeLimit)}, got ${modeToken.text}`,
    );
    return { kind: "opaque", text, span };
  }
  const stage: ImageView2Stage = {
    kind: "imageView2",
    mode: mode as ImageView2Stage["mode"],
    unknown: [],
    span,
    paramSpans: { mode: modeToken.span },
  };
  applyParams(stage, tokens.slice(1), VIEW2_GRAMMAR, diagnostics);
  return stage;
}
