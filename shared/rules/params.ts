/**
 * `name/value` pairs of imageView2 and watermark stages, applied onto their stage. A value
 * that cannot be read, a repeated parameter and an unknown one all land in the stage's
 * `unknown` list as typed, so formatting never drops them.
 */
import type { ParamSpans, Span } from "./ast";
import type { DiagnosticList, Expectation } from "./diagnostics";
import { spanOver, type Token } from "./tokens";

interface ParamPair {
  name: string;
  value: string;
  nameSpan: Span;
  valueSpan: Span;
  /** The name ended the stage: the error is already reported. */
  missing: boolean;
}

export interface ParamGrammar<Stage> {
  /** `imageView2`, `watermark/2`, … as messages name it. */
  operation: string;
  known: readonly string[];
  /** Parameters that fill the same field (`q`, `rq`, `lq`) share a slot; default: the name. */
  slotOf?(name: string): string;
  /**
   * A value in the standard Base64 alphabet may contain `/`: the value is then the shortest
   * run of words, before the next known name, that this accepts (else the single word).
   */
  isWholeValue?(name: string, value: string): boolean;
  /** Sets the field and returns nothing, or returns what was expected. */
  apply(stage: Stage, name: string, value: string): Expectation | undefined;
}

interface StageWithParams {
  unknown: { name: string; value: string }[];
  paramSpans?: ParamSpans;
}

function pairUp<Stage>(
  tokens: Token[],
  grammar: ParamGrammar<Stage>,
  diagnostics: DiagnosticList,
): ParamPair[] {
  const pairs: ParamPair[] = [];
  const isKnown = (text: string) => grammar.known.includes(text);
  let i = 0;
  while (i < tokens.length) {
    const nameToken = tokens[i] as Token;
    const first = tokens[i + 1];
    if (first === undefined) {
      if (nameToken.text === "") {
        diagnostics.error("syntax.stray-slash", { operation: grammar.operation, span: nameToken.span }, {});
      } else {
        const at = { start: nameToken.span.end, end: nameToken.span.end };
        diagnostics.error(
          "syntax.missing-parameter-value",
          { operation: grammar.operation, parameter: nameToken.text, span: at },
          { parameter: nameToken.text },
        );
        pairs.push({
          name: nameToken.text,
          value: "",
          nameSpan: nameToken.span,
          valueSpan: at,
          missing: true,
        });
      }
      return pairs;
    }
    const isWhole = grammar.isWholeValue;
    const last =
      isWhole && isKnown(nameToken.text)
        ? wordsOfValue(tokens, i + 1, isKnown, (value) => isWhole(nameToken.text, value))
        : i + 1;
    const words = tokens.slice(i + 1, last + 1);
    pairs.push({
      name: nameToken.text,
      value: words.map((word) => word.text).join("/"),
      nameSpan: nameToken.span,
      valueSpan: spanOver(first.span, (words.at(-1) ?? first).span),
      missing: false,
    });
    i = last + 1;
  }
  return pairs;
}

/** Index of the last word of the shortest readable value starting at `from` (or `from` itself). */
function wordsOfValue(
  tokens: Token[],
  from: number,
  isKnown: (text: string) => boolean,
  isWhole: (value: string) => boolean,
): number {
  let value = "";
  for (let j = from; j < tokens.length; j++) {
    const word = (tokens[j] as Token).text;
    if (j > from && isKnown(word)) break;
    value = j === from ? word : `${value}/${word}`;
    if (isWhole(value)) return j;
  }
  return from;
}

/** Reads `tokens` (the words after the stage's head) into `stage`. */
export function applyParams<Stage extends StageWithParams>(
  stage: Stage,
  tokens: Token[],
  grammar: ParamGrammar<Stage>,
  diagnostics: DiagnosticList,
): void {
  const filled = new Set<string>();
  const spans: ParamSpans = stage.paramSpans ?? {};
  for (const pair of pairUp(tokens, grammar, diagnostics)) {
    const keep = () => stage.unknown.push({ name: pair.name, value: pair.value });
    const where = { operation: grammar.operation, parameter: pair.name };
    if (pair.missing) {
      keep();
      continue;
    }
    if (!grammar.known.includes(pair.name)) {
      if (pair.name === "")
        diagnostics.error("syntax.empty-parameter-name", { ...where, span: pair.nameSpan }, {});
      else
        diagnostics.warning("unknown-parameter", { ...where, span: pair.nameSpan }, { parameter: pair.name });
      keep();
      continue;
    }
    const slot = grammar.slotOf?.(pair.name) ?? pair.name;
    if (filled.has(slot)) {
      diagnostics.warning("duplicate-parameter", { ...where, span: pair.nameSpan }, { parameter: pair.name });
      keep();
      continue;
    }
    const expectation = grammar.apply(stage, pair.name, pair.value);
    if (expectation !== undefined) {
      const at = { ...where, span: pair.valueSpan };
      if (pair.value === "")
        diagnostics.error("syntax.missing-parameter-value-expected", at, {
          parameter: pair.name,
          ...expectation,
        });
      else
        diagnostics.error("syntax.unreadable-parameter-value", at, {
          parameter: pair.name,
          text: pair.value,
          ...expectation,
        });
      keep();
      continue;
    }
    filled.add(slot);
    spans[pair.name] = pair.valueSpan;
  }
  stage.paramSpans = spans;
}
