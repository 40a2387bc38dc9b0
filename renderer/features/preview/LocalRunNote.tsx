import { checkRule, howRuleRunsLocally } from "../../../shared/rules";
import { useT } from "../../i18n";

/**
 * Marks a rule that the local engine cannot reproduce exactly, before anything is
 * sent: "COS only" (Tencent's codecs and blind watermarks answer 501 here; COS runs them as
 * written) or "approximation" (CI's own algorithm, replaced here by the closest equivalent).
 */
export function LocalRunNote(props: { rule: string }) {
  const t = useT();
  const run = howRuleRunsLocally(checkRule(props.rule).pipeline);
  if (run.support === "exact") return null;
  const operations = [
    ...new Set(run.notes.filter((note) => note.support === run.support).map((note) => note.operation)),
  ].join(", ");
  const cosOnly = run.support === "cos-only";
  return (
    <p className="preview-local-run warning" data-testid="preview-local-run" data-support={run.support}>
      <strong>{t(cosOnly ? "preview.cosOnly" : "preview.approximation")}</strong>{" "}
      {t(cosOnly ? "preview.cosOnlyHint" : "preview.approximationHint", { operations })}
    </p>
  );
}
