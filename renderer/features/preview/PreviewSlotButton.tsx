import { Eye } from "lucide-react";
import { useEffect, useId } from "react";
import type { RuleSlot } from "../../../shared/uploads/options";
import { useT } from "../../i18n";
import { usePreview, usePreviewStore } from "./context";

/** Previews one rule slot of a job on the picked sample, and keeps following that slot as it is edited. */
export function PreviewSlotButton(props: { rules: RuleSlot[]; index: number }) {
  const t = useT();
  const store = usePreviewStore();
  const owner = useId();
  const { rules, index } = props;
  const current = usePreview((state) => state.job?.owner === owner && state.draft === undefined);
  useEffect(() => store.getState().followRules(rules, owner), [store, rules, owner]);
  return (
    <button
      type="button"
      className="link preview-pick"
      aria-label={t("preview.slotLabel", { n: index + 1 })}
      aria-pressed={current}
      onClick={() => store.getState().previewSlot(rules, index, owner)}
    >
      <Eye aria-hidden="true" size={14} />
      {t("preview.pick")}
    </button>
  );
}
