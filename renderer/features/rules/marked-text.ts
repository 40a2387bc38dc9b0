import type { Diagnostic, Severity } from "../../../shared/rules";

/** A run of the rule text, marked with the worst problem found in it. */
export interface MarkedRun {
  text: string;
  severity: Severity | undefined;
  /** A problem at a point (e.g. something missing at the end) rather than over characters. */
  point?: boolean;
}

/** Splits the text into runs so the problems' spans can be underlined where they are. */
export function markText(text: string, diagnostics: readonly Diagnostic[]): MarkedRun[] {
  const marks: (Severity | undefined)[] = Array.from({ length: text.length }, () => undefined);
  const points = new Map<number, Severity>();
  for (const { span, severity } of diagnostics) {
    if (span.end <= span.start) {
      if (points.get(span.start) !== "error") points.set(span.start, severity);
      continue;
    }
    for (let i = span.start; i < Math.min(span.end, text.length); i++) {
      if (marks[i] !== "error") marks[i] = severity;
    }
  }
  const runs: MarkedRun[] = [];
  for (let i = 0; i <= text.length; i++) {
    const point = points.get(i);
    if (point) runs.push({ text: "", severity: point, point: true });
    if (i === text.length) break;
    const severity = marks[i];
    const last = runs.at(-1);
    const char = text[i] as string;
    if (last && !last.point && last.severity === severity) last.text += char;
    else runs.push({ text: char, severity });
  }
  return runs;
}
