/** The `/`-separated words of one stage, each with where it sits in the whole rule. */
import type { Span } from "./ast";

export interface Token {
  text: string;
  span: Span;
}

export function splitTokens(text: string, offset: number, separator: string): Token[] {
  const tokens: Token[] = [];
  let start = 0;
  for (const part of text.split(separator)) {
    tokens.push({ text: part, span: { start: offset + start, end: offset + start + part.length } });
    start += part.length + separator.length;
  }
  return tokens;
}

/** The span from the start of `first` to the end of `last`. */
export function spanOver(first: Span, last: Span): Span {
  return { start: first.start, end: last.end };
}
