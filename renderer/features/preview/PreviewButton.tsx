import { Eye } from "lucide-react";
import type { RuleSlot } from "../../../shared/uploads/options";
import { useT } from "../../i18n";
import { usePreview, usePreviewStore } from "./context";
import { usePreviewFollows } from "./follow";
import "./preview.css";

/** The upload list's rules follow the job they belong to, whichever file is picked. */
const UPLOAD_LIST = "upload-list";

/** Makes a file the designer added the preview's sample, previewed with its upload's own rules. */
export function PreviewButton(props: { fileId: string; name: string; rules: RuleSlot[] }) {
  const t = useT();
  const store = usePreviewStore();
  const current = usePreview(
    (state) => state.sample?.kind === "file" && state.sample.fileId === props.fileId,
  );
  const { rules } = props;
  usePreviewFollows(rules, UPLOAD_LIST);
  return (
    <button
      type="button"
      className="link preview-pick"
      aria-label={t("preview.pickLabel", { name: props.name })}
      aria-pressed={current}
      onClick={() =>
        store
          .getState()
          .previewJob({ kind: "file", fileId: props.fileId, name: props.name }, rules, UPLOAD_LIST)
      }
    >
      <Eye aria-hidden="true" size={14} />
      {t("preview.pick")}
    </button>
  );
}
