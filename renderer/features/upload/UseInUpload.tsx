import { useState } from "react";
import { numberedOutputName, presetOutputName } from "../../../shared/uploads/fileid-template";
import { MAX_RULES } from "../../../shared/uploads/options";
import { useT } from "../../i18n";
import { usePresetList } from "../rules";
import { useUpload, useUploadStore } from "./context";

/** Appends the draft as a new rule slot of the upload options, within COS's five-rule limit. */
export function UseInUpload(props: { text: string; valid: boolean }) {
  const t = useT();
  const rules = useUpload((state) => state.options.rules);
  const upload = useUploadStore();
  const presets = usePresetList();
  const [status, setStatus] = useState<string>();
  const full = rules.length >= MAX_RULES;

  return (
    <div className="use-in-upload">
      <button
        type="button"
        disabled={full || !props.valid}
        onClick={() => {
          const n = upload.getState().options.rules.length + 1;
          // A rule loaded from a preset names its outputs after the preset.
          const preset = presets.find((candidate) => candidate.rule === props.text.trim());
          const fileid = preset ? presetOutputName(preset.name, n) : numberedOutputName(n);
          upload
            .getState()
            .setOptions({ rules: [...upload.getState().options.rules, { rule: props.text, fileid }] });
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
