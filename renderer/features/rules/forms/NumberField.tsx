import { useEffect, useState } from "react";
import { type Limit, rangeText } from "../../../../shared/rules";
import { useT } from "../../../i18n";
import { describedBy, Field } from "../../../ui/Field";

/**
 * A number of the rule, bounded by its entry in RULE_LIMITS. What the designer types is
 * kept while the field has focus, so a half-typed value is not reformatted under the caret.
 */
export function NumberField(props: {
  id: string;
  label: string;
  limit: Limit;
  value: number | undefined;
  /** May be left empty (the parameter is then left out of the rule). */
  optional?: boolean;
  disabled?: boolean;
  onChange(value: number | undefined): void;
}) {
  const t = useT();
  const { limit, value } = props;
  const [draft, setDraft] = useState<string>();

  // An undo or a text edit changed the value under a focused field: show the new value.
  useEffect(() => {
    setDraft((typed) => (typed !== undefined && Number(typed) !== value ? undefined : typed));
  }, [value]);

  const range = `${rangeText(limit)}${limit.unit ? ` ${limit.unit}` : ""}`;
  // As the validator reads the limit: where CI documents no bound, outside it only warns.
  const below = value !== undefined && (limit.minExclusive ? value <= limit.min : value < limit.min);
  const above = value !== undefined && value > limit.max;
  const refused = (below && limit.refuses !== "none") || (above && limit.refuses === undefined);
  const error =
    value === undefined
      ? props.optional || props.disabled
        ? undefined
        : t("rules.field.required")
      : refused
        ? t("rules.field.outOfRange", { range })
        : limit.integer && !Number.isInteger(value)
          ? t("rules.field.wholeNumber")
          : undefined;
  const warning = !refused && (below || above) ? t("rules.field.usualRange", { range }) : undefined;
  const hint = props.optional ? t("rules.field.optionalRange", { range }) : range;

  return (
    <Field id={props.id} label={props.label} hint={hint} error={error} warning={warning}>
      <input
        id={props.id}
        type="number"
        inputMode={limit.integer ? "numeric" : "decimal"}
        min={limit.refuses === "none" ? undefined : limit.min}
        max={limit.refuses === undefined ? limit.max : undefined}
        step={limit.integer ? 1 : "any"}
        disabled={props.disabled}
        value={draft ?? (value === undefined ? "" : String(value))}
        onChange={(event) => {
          const raw = event.target.value;
          setDraft(raw);
          if (raw === "") {
            if (props.optional) props.onChange(undefined);
            return;
          }
          const number = Number(raw);
          if (Number.isFinite(number)) props.onChange(number);
        }}
        onBlur={() => setDraft(undefined)}
        {...describedBy(props.id, hint, error, warning)}
      />
    </Field>
  );
}
