import { useT } from "../../i18n";
import type { PreviewRule } from "./store";

/** Which rule the preview shows and the output it writes: a job's slot, or the Rules tab's draft. */
export function RuleName(props: { rule: PreviewRule }) {
  const t = useT();
  const { rule } = props;
  return (
    <div className="preview-rule" data-testid="preview-rule">
      <h3>
        {rule.slot === undefined ? t("preview.ruleDraft") : t("preview.ruleSlot", { n: rule.slot + 1 })}
        {rule.fileid !== undefined && (
          <span className="preview-fileid">
            {" → "}
            <span className="mono" data-testid="preview-fileid">
              {rule.fileid}
            </span>
          </span>
        )}
      </h3>
      <p className="mono preview-rule-text" title={rule.rule}>
        {rule.rule || t("preview.ruleEmpty")}
      </p>
    </div>
  );
}
