import type { ProcessOptions } from "../../../shared/uploads/options";
import { useT } from "../../i18n";
import { Field } from "../../ui/Field";
import { RuleSlots } from "./RuleSlots";

/**
 * The processing settings uploads and in-bucket processing share: how many at once,
 * whether COS reports the original's image info, and the 1–5 rules.
 */
export function ProcessingFields(props: {
  /** The form's id, stable across remounts: it also names the form's job to the preview. */
  id: string;
  concurrencyLabel: string;
  value: Pick<ProcessOptions, "concurrency" | "isPicInfo" | "rules">;
  /** The bucket the rules run in. */
  bucket: string;
  errors: Map<string, string>;
  onChange(patch: Partial<ProcessOptions>): void;
}) {
  const t = useT();
  const { id, value, errors, onChange } = props;
  return (
    <>
      <div className="grid-2">
        <Field id={`${id}-concurrency`} label={props.concurrencyLabel} error={errors.get("concurrency")}>
          <input
            id={`${id}-concurrency`}
            type="number"
            min={1}
            max={8}
            value={value.concurrency}
            onChange={(event) => onChange({ concurrency: Number(event.target.value) })}
          />
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={value.isPicInfo}
            onChange={(event) => onChange({ isPicInfo: event.target.checked })}
          />
          {t("upload.isPicInfo")}
        </label>
      </div>
      <RuleSlots
        rules={value.rules}
        bucket={props.bucket}
        errors={errors}
        previewOwner={id}
        onChange={(rules) => onChange({ rules })}
      />
    </>
  );
}
