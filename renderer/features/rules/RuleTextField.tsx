import { useRef } from "react";
import type { Diagnostic, Span } from "../../../shared/rules";
import { useT } from "../../i18n";
import { diagnosticText } from "./diagnostic-text";
import { markText } from "./marked-text";

/**
 * The rule as text, always in step with the forms. What the designer types is kept as typed,
 * even while invalid; the problems are underlined in place (a backdrop behind the
 * transparent textarea) and listed, each with a button that puts the caret on it.
 */
export function RuleTextField(props: {
  text: string;
  diagnostics: Diagnostic[];
  onChange(text: string): void;
}) {
  const t = useT();
  const area = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const hasError = props.diagnostics.some((d) => d.severity === "error");

  const goTo = (span: Span) => {
    const element = area.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(span.start, Math.max(span.start, span.end));
  };

  return (
    <div className="rule-text">
      <label htmlFor="rule-text">{t("rules.ruleText.label")}</label>
      <div className="rule-text-box">
        <div className="rule-text-backdrop mono" ref={backdrop} aria-hidden="true">
          {markText(props.text, props.diagnostics).map((run, index) =>
            run.severity ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: runs are recomputed from the text on every render
              <mark key={index} className={`${run.severity}${run.point ? " point" : ""}`}>
                {run.text}
              </mark>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              <span key={index}>{run.text}</span>
            ),
          )}
          {/* A trailing line break would otherwise collapse and the backdrop fall one line short. */}{" "}
        </div>
        <textarea
          id="rule-text"
          ref={area}
          className="mono"
          rows={3}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          value={props.text}
          aria-invalid={hasError || undefined}
          aria-describedby={props.diagnostics.length > 0 ? "rule-problems" : undefined}
          onChange={(event) => props.onChange(event.target.value)}
          onScroll={(event) => {
            if (backdrop.current) backdrop.current.scrollTop = event.currentTarget.scrollTop;
          }}
        />
      </div>
      {props.diagnostics.length === 0 ? (
        <p className="rule-ok">{t("rules.ruleText.valid")}</p>
      ) : (
        <ul id="rule-problems" className="rule-problems" aria-label={t("rules.ruleText.problems")}>
          {props.diagnostics.map((diagnostic, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: diagnostics are recomputed from the text
            <li key={index} className={diagnostic.severity}>
              <button type="button" className="link" onClick={() => goTo(diagnostic.span)}>
                {t("rules.ruleText.column", { n: diagnostic.span.start + 1 })}
              </button>{" "}
              <span>
                {t(diagnostic.severity === "error" ? "rules.ruleText.error" : "rules.ruleText.warning")}:{" "}
                {diagnosticText(t, diagnostic)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
