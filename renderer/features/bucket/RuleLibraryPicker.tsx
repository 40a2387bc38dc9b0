import { useEffect } from "react";
import { MAX_RULES } from "../../../shared/uploads/options";
import { useT } from "../../i18n";
import { Field } from "../../ui/Field";
import { useProcess, useProcessStore, useRuleLibrary } from "./context";
import { withRule } from "./rule-slots";

/** Starts an in-bucket rule slot from a preset or one of the bucket's styles. */
export function RuleLibraryPicker() {
  const t = useT();
  const presets = useRuleLibrary((state) => state.presets);
  const styles = useRuleLibrary((state) => state.styles);
  const load = useRuleLibrary((state) => state.load);
  const full = useProcess(
    (state) =>
      state.options.rules.length >= MAX_RULES && state.options.rules.every((slot) => slot.rule.trim()),
  );
  const process = useProcessStore();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Field
      id="process-library"
      label={t("process.fromLibrary")}
      hint={full ? t("process.libraryFull") : undefined}
    >
      <select
        id="process-library"
        value=""
        disabled={full}
        onChange={(event) => {
          const rule = event.target.value;
          if (!rule) return;
          const { options, setOptions } = process.getState();
          setOptions({ rules: withRule(options, rule).rules });
        }}
      >
        <option value="">{t("process.libraryChoose")}</option>
        {presets.length > 0 && (
          <optgroup label={t("process.libraryPresets")}>
            {presets.map((preset) => (
              <option key={preset.id} value={preset.rule}>
                {preset.name}
              </option>
            ))}
          </optgroup>
        )}
        {styles && styles.length > 0 && (
          <optgroup label={t("process.libraryStyles")}>
            {styles.map((style) => (
              <option key={style.name} value={`style/${style.name}`}>
                style/{style.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </Field>
  );
}
