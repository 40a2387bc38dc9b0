import {
  checkRule,
  DIAGNOSTIC_SENTENCES,
  type Diagnostic,
  EXPECTED_VALUES,
  type ExpectedValue,
  sentenceValues,
} from "../../../shared/rules";
import type { Translate } from "../../i18n";

type Shown = Pick<Diagnostic, "sentence" | "args" | "message" | "operation" | "column">;

/**
 * A rule problem in the designer's language, from its sentence key and values (see
 * `diagnostic-messages.ts`). A sentence this build has no words for (a newer parser's)
 * is shown as its English message, never as a key.
 */
export function diagnosticText(t: Translate, diagnostic: Shown): string {
  const { sentence, args } = diagnostic;
  if (!Object.hasOwn(DIAGNOSTIC_SENTENCES, sentence)) return diagnostic.message;
  const values = sentenceValues(args);
  const expected = args.expected;
  if (typeof expected === "string" && Object.hasOwn(EXPECTED_VALUES, expected)) {
    values.expected = t(`diagnostic.expected.${expected as ExpectedValue}`, values);
  }
  const frame = {
    operation: diagnostic.operation ?? "",
    sentence: t(`diagnostic.${sentence}`, values),
    column: diagnostic.column ?? "",
  };
  return t(
    diagnostic.column === undefined ? "diagnostic.frame.unlocated" : "diagnostic.frame.located",
    frame,
  );
}

/** The first error in a rule's text, in the designer's language, or undefined when it has none. */
export function firstRuleError(t: Translate, rule: string): string | undefined {
  const error = checkRule(rule).diagnostics.find((d) => d.severity === "error");
  return error && diagnosticText(t, error);
}

/**
 * The first warning in a rule's text (an operation this version does not know, a value
 * outside the usual range), in the designer's language: shown beside the rule, never blocking.
 */
export function firstRuleWarning(t: Translate, rule: string): string | undefined {
  const warning = checkRule(rule).diagnostics.find((d) => d.severity === "warning");
  return warning && diagnosticText(t, warning);
}
