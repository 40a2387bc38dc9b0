import { useState } from "react";
import { MAX_RULES } from "../../../shared/uploads/options";
import { useT } from "../../i18n";
import { useUpload, useUploadStore } from "./context";

/** Appends the draft as a new rule slot of the upload options, within COS's five-rule limit. */
export function UseInUpload(props: { text: string; valid: boolean }) {
  const t = useT();
  const rules = useUpload((state) => state.options.rules);
  const upload = useUploadStore();
  const [status, setStatus] = useState<string>();
  const full = rules.length >= MAX_RULES;

  return (
    <div className="use-in-upload">
      <button
        type="button"
        disabled={full || !props.valid}
        onClick={() => {
          const n = upload.getState().options.rules.length + 1;
          upload.getState().setOptions({
            rules: [...upload.getState().options.rules, { rule: props.text, fileid: `{name}_${n}.{format}` }],
          });
          setStatus(t("rules.useInUpload.added", { n }));
        }}
      >
        {t("rules.useInUpload.button")}
      </button>
      <span className="hint" aria-live="polite">
        {full ? t("rules.useInUpload.full", { max: MAX_RULES }) : status}
      </span>
    </div>
  );
}
