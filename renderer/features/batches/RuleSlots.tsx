import { MAX_RULES, type RuleSlot } from "../../../shared/uploads/options";
import { useT } from "../../i18n";
import { describedBy, Field } from "../../ui/Field";
import { NamingExample } from "../quick";
import { diagnosticText, firstRuleError, firstRuleWarning, useUnknownStyles } from "../rules";

/** The 1–5 rules of an upload: each a rule, an output name template and an optional destination bucket. */
export function RuleSlots(props: {
  rules: RuleSlot[];
  /** The bucket the rules run in, where `style/<name>` is looked up. */
  bucket: string;
  errors: Map<string, string>;
  onChange(rules: RuleSlot[]): void;
}) {
  const t = useT();
  const unknownStyles = useUnknownStyles(
    props.rules.map((slot) => slot.rule),
    props.bucket,
  );
  const update = (index: number, patch: Partial<RuleSlot>) =>
    props.onChange(props.rules.map((slot, i) => (i === index ? { ...slot, ...patch } : slot)));

  return (
    <fieldset className="rule-slots">
      <legend>{t("upload.rules")}</legend>
      {props.rules.length === 0 && <p className="hint">{t("upload.noRules")}</p>}
      {props.rules.map((slot, index) => {
        const ruleError = props.errors.get(`rules.${index}.rule`) ?? firstRuleError(t, slot.rule);
        const unknownStyle = unknownStyles[index]?.[0];
        const warning = unknownStyle ? diagnosticText(t, unknownStyle) : firstRuleWarning(t, slot.rule);
        const ruleWarning = warning && `${t("rules.ruleText.warning")}: ${warning}`;
        const fileidError = props.errors.get(`rules.${index}.fileid`);
        const bucketError = props.errors.get(`rules.${index}.bucket`);
        const id = `rule-${index}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: slots have no identity beyond their position
          <div className="rule-slot" key={index} data-testid="rule-slot">
            <Field
              id={`${id}-rule`}
              label={t("upload.ruleText", { n: index + 1 })}
              error={ruleError}
              warning={ruleWarning}
            >
              <input
                id={`${id}-rule`}
                className="mono"
                value={slot.rule}
                placeholder="imageMogr2/thumbnail/800x/format/webp"
                spellCheck={false}
                onChange={(event) => update(index, { rule: event.target.value })}
                {...describedBy(`${id}-rule`, undefined, ruleError, ruleWarning)}
              />
            </Field>
            <Field
              id={`${id}-fileid`}
              label={t("upload.fileid")}
              hint={t("upload.fileidHint")}
              error={fileidError}
            >
              <input
                id={`${id}-fileid`}
                className="mono"
                value={slot.fileid}
                spellCheck={false}
                onChange={(event) => update(index, { fileid: event.target.value })}
                {...describedBy(`${id}-fileid`, t("upload.fileidHint"), fileidError)}
              />
              <NamingExample
                id={`${id}-fileid-example`}
                template={slot.fileid}
                kind="output"
                rule={slot.rule}
              />
            </Field>
            <Field id={`${id}-bucket`} label={t("upload.destinationBucket")} error={bucketError}>
              <input
                id={`${id}-bucket`}
                value={slot.bucket ?? ""}
                placeholder={t("upload.sameBucket")}
                onChange={(event) => update(index, { bucket: event.target.value || undefined })}
                {...describedBy(`${id}-bucket`, undefined, bucketError)}
              />
            </Field>
            <button
              type="button"
              className="link danger"
              onClick={() => props.onChange(props.rules.filter((_, i) => i !== index))}
            >
              {t("upload.removeRule", { n: index + 1 })}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        disabled={props.rules.length >= MAX_RULES}
        onClick={() =>
          props.onChange([...props.rules, { rule: "", fileid: `{name}_${props.rules.length + 1}.{format}` }])
        }
      >
        {props.rules.length >= MAX_RULES ? t("upload.maxRules") : t("upload.addRule")}
      </button>
    </fieldset>
  );
}
