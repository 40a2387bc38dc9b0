/**
 * Rule text → typed tree. Never throws and never loses what the designer typed: whatever
 * cannot be typed is kept verbatim (unknown operations and parameters, opaque stages), and
 * the diagnostics say why, each with its span.
 */
import type { Diagnostic, Pipeline, Span, Stage } from "./ast";
import { DiagnosticList } from "./diagnostics";
import { parseMogr2 } from "./parse-mogr2";
import { parseView2 } from "./parse-view2";
import { parseWatermark } from "./parse-watermark";
import { splitTokens, type Token } from "./tokens";

export interface ParsedRule {
  pipeline: Pipeline;
  diagnostics: Diagnostic[];
}

export function parseRule(text: string): ParsedRule {
  const diagnostics = new DiagnosticList();
  const stages: Stage[] = [];
  if (text === "") {
    diagnostics.error("syntax.empty-rule", { operation: "rule", span: { start: 0, end: 0 } }, {});
  } else {
    for (const part of splitTokens(text, 0, "|")) {
      if (part.text === "") {
        diagnostics.error("syntax.empty-stage", { operation: "pipeline", span: part.span }, {});
        continue;
      }
      stages.push(parseStage(part, diagnostics));
    }
  }
  return { pipeline: { stages }, diagnostics: diagnostics.items };
}

/**
 * One `/` ending a stage after at least one word says nothing: CI accepts it and its own
 * examples and SDK demos write rules that way (`imageMogr2/thumbnail/200x/`).
 */
function withoutTrailingSlash(words: Token[]): Token[] {
  return words.length > 1 && words.at(-1)?.text === "" ? words.slice(0, -1) : words;
}

function parseStage(part: Token, diagnostics: DiagnosticList): Stage {
  const [head, ...words] = splitTokens(part.text, part.span.start, "/") as [Token, ...Token[]];
  const rest = withoutTrailingSlash(words);
  const span = part.span;
  switch (head.text) {
    case "imageMogr2":
      return parseMogr2(rest, span, diagnostics);
    case "imageView2":
      return parseView2(part.text, rest, span, diagnostics);
    case "watermark":
      return parseWatermark(part.text, rest, span, diagnostics);
    case "imageSlim":
      return parseImageSlim(part.text, rest, span, diagnostics);
    case "style":
      return parseStyle(part.text, head, span, diagnostics);
    default:
      diagnostics.warning("unknown-processor", { operation: head.text, span: head.span }, {});
      return { kind: "opaque", text: part.text, span };
  }
}

/** `imageSlim` takes no parameters; anything after it is kept as written, with a warning. */
function parseImageSlim(text: string, rest: Token[], span: Span, diagnostics: DiagnosticList): Stage {
  const extra = rest.find((word) => word.text !== "");
  if (extra === undefined) return { kind: "imageSlim", span };
  diagnostics.warning(
    "unknown-parameter",
    { operation: "imageSlim", parameter: extra.text, span: extra.span },
    { parameter: extra.text },
  );
  return { kind: "opaque", text, span };
}

/** `style/<name>`: the name is everything after the first `/`. */
function parseStyle(text: string, head: Token, span: Span, diagnostics: DiagnosticList): Stage {
  const name = text.slice(head.text.length + 1);
  if (name === "") {
    const at = { start: span.end, end: span.end };
    diagnostics.error("syntax.missing-style-name", { operation: "style", parameter: "name", span: at }, {});
    return { kind: "opaque", text, span };
  }
  return { kind: "style", name, span };
}
