import { Eye } from "lucide-react";
import type { RuleSlot } from "../../../shared/uploads/options";
import { useT } from "../../i18n";
import { usePreview, usePreviewStore } from "./context";

/**
 * Previews one rule slot of a job on the picked sample. `owner` names the job's form, which
 * keeps the preview following the slot as it is edited (see `usePreviewFollows`).
 */
export function PreviewSlotButton(props: { rules: RuleSlot[]; index: number; owner: string }) {
  const t = useT();
  const store = usePreviewStore();
  const { rules, index, owner } = props;
  const current = usePreview(
    (state) => state.job?.owner === owner && state.job.only === index && state.draft === undefined,
  );
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
