/**
 * One shape for every message the parser and the validator write, so the builder can show
 * them as they are: `thumbnail: width must be 1–10000, got 0 (col 21)`.
 *
 * Each message is made from a sentence of `DIAGNOSTIC_SENTENCES` and named values, and the
 * diagnostic carries both, so the renderer can say the same thing in the designer's language.
 */
import { fillPlaceholders } from "../placeholders";
import type { Diagnostic, Severity, Span } from "./ast";
import { numberToText } from "./numbers";

/**
 * Every sentence a diagnostic can say, keyed `<code>` or `<code>.<variant>` where one code
 * covers several sentences. In the templates `{text}` is what the designer typed (written
 * quoted), `{expected}` an `ExpectedValue` written out, any other name a value as is.
 */
export const DIAGNOSTIC_SENTENCES = {
  "out-of-range": "{parameter} must be {min}–{max}, got {got}",
  "out-of-range.above-minimum": "{parameter} must be greater than {min}, got {got}",
  "out-of-range.unconfirmed":
    "{parameter} is usually {min}–{max}, got {got}; Picops cannot confirm COS accepts it",
  "not-whole-number": "{parameter} must be a whole number {min}–{max}, got {got}",
  "syntax.empty-rule": "the rule is empty",
  "syntax.empty-stage": "empty stage (a stray |)",
  "syntax.empty-operation": "empty operation (a stray /)",
  "syntax.stray-slash": "a stray / at the end",
  "syntax.empty-parameter-name": "empty parameter name",
  "syntax.missing-style-name": "missing style name",
  "syntax.missing-watermark-type": "missing type: 1 (image) or 2 (text) must follow watermark",
  "syntax.missing-parameter": "{parameter} is required",
  "syntax.missing-value": "missing value, expected {expected}",
  "syntax.unreadable-value": "expected {expected}, got {text}",
  "syntax.missing-parameter-value": "missing value for {parameter}",
  "syntax.missing-parameter-value-expected": "missing value for {parameter}, expected {expected}",
  "syntax.unreadable-parameter-value": "{parameter} expects {expected}, got {text}",
  "missing-value.no-operations": "at least one operation is needed",
  "missing-value.sides": "give a width, a height or both",
  "missing-value.fit-sides": "a fit needs a width, a height or both, such as 200x, x200 or 200x300",
  "missing-value.view2-mode": "{parameter} needs a mode: write a mode {min}–{max} right after imageView2",
  "missing-value.view2-nothing":
    "nothing to do: give a mode {min}–{max} (imageView2/2/w/200), a format or a quality (imageView2/format/png)",
  "missing-value.style-name": "missing style name",
  "missing-value.text": "text must not be empty",
  "invalid-value.forced-quality": "only an absolute quality can be forced with !",
  "invalid-value.watermark-image":
    "image must be the http:// COS address of a picture in this bucket, such as http://examplebucket-1250000000.cos.ap-shanghai.myqcloud.com/logo.png, got {text}",
  "invalid-value.colour": "fill must be a colour #RRGGBB, got {text}",
  "invalid-value.pad-colour": "color must be a colour #RRGGBB, got {text}",
  "unconfirmed.webp-side": "WebP output is at most {max} px per side; COS may refuse {got}",
  "ignored.quality": "COS ignores quality settings for {format} output",
  "ignored.progressive": "progressive output needs format/jpg; COS ignores it for {format}",
  "ignored.gif-radius": "COS does not round GIF pictures",
  "ignored.spcent": "spcent only applies together with scatype",
  "ignored.degree": "degree only applies to tiled text (batch/1)",
  "ignored.size-limit": "size-limit only applies to JPG output; COS ignores it for {format}",
  "ignored.pad": "pad and color only apply to a thumbnail that fits a W×H box",
  "not-supported.mode-0":
    "mode 0 comes from Qiniu; Cloud Infinite documents modes {min}–{max} and may refuse it",
  "not-supported.view2-format":
    "format must be one of {options} here, got {format}; use imageMogr2/format instead",
  "unknown-processor": "not a processor this version knows; kept as written",
  "unknown-operation": "not an imageMogr2 operation this version knows; kept as written",
  "unknown-operation.watermark-type": "type {type} is not one this version knows; kept as written",
  "unknown-parameter": "{parameter} is not a parameter this version knows; kept as written",
  "duplicate-parameter": "{parameter} repeats an earlier setting; the first one is used",
  "unknown-style": "{bucket} has no style named {name}; refresh its styles if it was just added",
} as const;

export type DiagnosticSentence = keyof typeof DIAGNOSTIC_SENTENCES;

type CodeOf<S extends string> = S extends `${infer Code}.${string}` ? Code : S;

/** The machine-readable reasons a diagnostic can carry. */
export type DiagnosticCode = CodeOf<DiagnosticSentence>;

function codeOf<S extends DiagnosticSentence>(sentence: S): CodeOf<S> {
  return sentence.split(".")[0] as CodeOf<S>;
}

/** Every code the parser and the validator can emit, for catalogues that must cover them all. */
export const DIAGNOSTIC_CODES: readonly DiagnosticCode[] = [
  ...new Set((Object.keys(DIAGNOSTIC_SENTENCES) as DiagnosticSentence[]).map(codeOf)),
];

/** What a value that could not be read should have looked like (`{expected}` in a sentence). */
export const EXPECTED_VALUES = {
  geometry: "a geometry such as 200x, x200, 200x300, 200x300>, !50p, !200x300r, 200x300! or 40000@",
  size: "a size such as 200x, x200 or 200x300",
  "both-sides": "a size such as 200x300",
  cut: "<width>x<height>x<dx>x<dy> such as 200x200x10x10",
  blur: "<radius>x<sigma> such as 8x5",
  radius: "a radius in pixels such as 100",
  angle: "an angle in degrees such as 90",
  "one-of": "one of {options}",
  "forceable-quality": "a quality such as 80 or 80!",
  quality: "a quality such as 80",
  amount: "a number such as 50",
  number: "a number such as 10",
  pixels: "a number of pixels such as 200",
  "per-mille": "a number of per-mille such as 200",
  switch: "0 or 1",
  one: "1",
  blogo: "1 (scale to fit) or 2 (crop)",
  scatype: "1 (width), 2 (height) or 3 (area)",
  "base64-image": "URL-safe Base64 of the watermark picture's http:// URL",
  "base64-text": "URL-safe Base64 of the text, such as 5pWw5o2u5LiH6LGh",
  "base64-font": "URL-safe Base64 of a font name, such as dGFob21hLnR0Zg (tahoma.ttf)",
  "base64-fill": "URL-safe Base64 of a colour, such as IzNEM0QzRA (#3D3D3D)",
  "base64-key": "URL-safe Base64 of the watermark picture's object key, such as bG9nby5wbmc (logo.png)",
  "size-limit": "a size such as 100k, 2m or 100k!",
  frames: "a number of frames such as 10",
  dpi: "a number of dots per inch such as 300",
  "blind-type": "1 (semi-blind), 2 (blind) or 3 (text)",
} as const;

export type ExpectedValue = keyof typeof EXPECTED_VALUES;

/** What was expected; `options` lists the accepted words for `one-of`. */
export interface Expectation {
  expected: ExpectedValue;
  options?: string;
}

/** Named values of a diagnostic: numbers, words as typed, `expected` an `ExpectedValue`. */
export type DiagnosticArgs = Readonly<Record<string, string | number>>;

type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The values one sentence needs, checked when the diagnostic is written. */
export type SentenceArgs<S extends DiagnosticSentence> = {
  [Name in Placeholders<(typeof DIAGNOSTIC_SENTENCES)[S]>]: Name extends "expected"
    ? ExpectedValue
    : string | number;
} & { options?: string };

/**
 * The values of `args` as a sentence writes them: numbers without exponents, typed text
 * quoted. `{expected}` is left to the caller, which words it in its own language.
 */
export function sentenceValues(args: DiagnosticArgs): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(args)) {
    if (typeof value === "number") values[name] = numberToText(value);
    else values[name] = name === "text" ? quoted(value) : value;
  }
  return values;
}

/** The English sentence of a diagnostic, from its key and values. */
function englishSentence(sentence: DiagnosticSentence, args: DiagnosticArgs): string {
  const values = sentenceValues(args);
  const expected = args.expected as ExpectedValue | undefined;
  if (expected !== undefined && Object.hasOwn(EXPECTED_VALUES, expected)) {
    values.expected = fillPlaceholders(EXPECTED_VALUES[expected], values);
  }
  return fillPlaceholders(DIAGNOSTIC_SENTENCES[sentence], values);
}

export interface DiagnosticWhere {
  operation: string;
  parameter?: string;
  /** Absent for trees built by hand: the message then names no column. */
  span?: Span;
}

/** How a message frames its sentence: the operation first, then the column when there is one. */
export const DIAGNOSTIC_FRAMES = {
  located: "{operation}: {sentence} (col {column})",
  unlocated: "{operation}: {sentence}",
} as const;

function makeDiagnostic<S extends DiagnosticSentence>(
  severity: Severity,
  sentence: S,
  where: DiagnosticWhere,
  args: SentenceArgs<S>,
): Diagnostic {
  const values: DiagnosticArgs = args;
  const column = where.span && where.span.start + 1;
  const frame = {
    operation: where.operation,
    sentence: englishSentence(sentence, values),
    column: String(column),
  };
  const diagnostic: Diagnostic = {
    severity,
    code: codeOf(sentence),
    sentence,
    args: values,
    message: fillPlaceholders(
      column === undefined ? DIAGNOSTIC_FRAMES.unlocated : DIAGNOSTIC_FRAMES.located,
      frame,
    ),
    operation: where.operation,
    span: where.span ?? { start: 0, end: 0 },
  };
  if (column !== undefined) diagnostic.column = column;
  if (where.parameter !== undefined) diagnostic.parameter = where.parameter;
  return diagnostic;
}

/** Diagnostics collected while reading one rule. */
export class DiagnosticList {
  readonly items: Diagnostic[] = [];

  error<S extends DiagnosticSentence>(sentence: S, where: DiagnosticWhere, args: SentenceArgs<S>): void {
    this.items.push(makeDiagnostic("error", sentence, where, args));
  }

  warning<S extends DiagnosticSentence>(sentence: S, where: DiagnosticWhere, args: SentenceArgs<S>): void {
    this.items.push(makeDiagnostic("warning", sentence, where, args));
  }
}

/** Quotes what the designer typed inside a message. */
function quoted(text: string): string {
  return JSON.stringify(text);
}
