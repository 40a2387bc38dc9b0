import { useT } from "../../i18n";

/**
 * A file whose bytes are already at its key is skipped by default (the plan says "already
 * there"); this sends it anyway, to write its outputs again with new rules, say.
 */
export function UploadIdenticalField(props: { value: boolean; onChange(value: boolean): void }) {
  const t = useT();
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={props.value}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      {t("quick.uploadIdentical")}
    </label>
  );
}
