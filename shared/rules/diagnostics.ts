/**
 * One shape for every message the parser and the validator write, so the builder can show
 * them as they are: `thumbnail: width must be 1–10000, got 0 (col 21)`.
 */
import type { Diagnostic, Severity, Span } from "./ast";

export interface DiagnosticWhere {
  operation: string;
  parameter?: string;
  /** Absent for trees built by hand: the message then names no column. */
  span?: Span;
}

export function makeDiagnostic(
  severity: Severity,
  code: string,
  where: DiagnosticWhere,
  sentence: string,
): Diagnostic {
  const column = where.span ? ` (col ${where.span.start + 1})` : "";
  const diagnostic: Diagnostic = {
    severity,
    code,
    message: `${where.operation}: ${sentence}${column}`,
    operation: where.operation,
    span: where.span ?? { start: 0, end: 0 },
  };
  if (where.parameter !== undefined) diagnostic.parameter = where.parameter;
  return diagnostic;
}

/** Diagnostics collected while reading one rule. */
export class DiagnosticList {
  readonly items: Diagnostic[] = [];

  error(code: string, where: DiagnosticWhere, sentence: string): void {
    this.items.push(makeDiagnostic("error", code, where, sentence));
  }

  warning(code: string, where: DiagnosticWhere, sentence: string): void {
    this.items.push(makeDiagnostic("warning", code, where, sentence));
  }
}

/** Quotes what the designer typed inside a message. */
export function quoted(text: string): string {
  return JSON.stringify(text);
}
