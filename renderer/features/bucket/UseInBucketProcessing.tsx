import { useState } from "react";
import { MAX_RULES } from "../../../shared/uploads/options";
import { useT } from "../../i18n";
import { useProcess, useProcessStore } from "./context";
import { withRule } from "./rule-slots";

/** Puts the Rules tab's draft into a rule slot of processing in the bucket, within COS's five-rule limit. */
export function UseInBucketProcessing(props: { text: string; valid: boolean }) {
  const t = useT();
  const process = useProcessStore();
  const full = useProcess(
    (state) =>
      state.options.rules.length >= MAX_RULES && state.options.rules.every((slot) => slot.rule.trim()),
  );
  const [status, setStatus] = useState<string>();

  return (
    <div className="use-in-upload">
      <button
        type="button"
        disabled={full || !props.valid}
        onClick={() => {
          const { options, setOptions } = process.getState();
          const rules = withRule(options, props.text).rules;
          setOptions({ rules });
          setStatus(
            t("process.useInBucket.added", { n: rules.findIndex((slot) => slot.rule === props.text) + 1 }),
          );
        }}
      >
        {t("process.useInBucket.button")}
      </button>
      <span className="hint" aria-live="polite">
        {full ? t("process.libraryFull") : status}
      </span>
    </div>
  );
}
