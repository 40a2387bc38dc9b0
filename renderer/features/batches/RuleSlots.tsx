import type { Preset } from "../../../shared/presets/preset";
import { checkRule } from "../../../shared/rules";
import { numberedOutputName, presetOutputName } from "../../../shared/uploads/fileid-template";
import { MAX_RULES, type RuleSlot } from "../../../shared/uploads/options";
import { type Translate, useT } from "../../i18n";
import { describedBy, Field } from "../../ui/Field";
import { useTouched } from "../../ui/touched";
import { PreviewSlotButton, usePreviewFollows } from "../preview";
import { NamingExample } from "../quick";
import { diagnosticText, firstRuleError, firstRuleWarning, usePresetList, useUnknownStyles } from "../rules";

/**
 * Each slot's warning (allowed, but likely a mistake): a `style/<name>` the bucket does not
 * have, or the rule language's first warning. The form counts them apart from its errors.
 */
export function useRuleWarnings(rules: RuleSlot[], bucket: string): (string | undefined)[] {
  const t = useT();
  const unknownStyles = useUnknownStyles(
    rules.map((slot) => slot.rule),
    bucket,
  );
  return rules.map((slot, index) => {
    const unknownStyle = unknownStyles[index]?.[0];
    return unknownStyle ? diagnosticText(t, unknownStyle) : firstRuleWarning(t, slot.rule);
  });
}

/** The texts a rule's `watermark/2` stages draw, decoded from their Base64 for the designer to read. */
function watermarkTexts(rule: string): string[] {
  return checkRule(rule).pipeline.stages.flatMap((stage) =>
    stage.kind === "watermark" && stage.type === 2 && stage.text ? [stage.text] : [],
  );
}

/** A rule's error in detail (where and why), else what the options' schema says of it. */
function ruleErrorText(t: Translate, slot: RuleSlot, schemaError: string | undefined): string | undefined {
  return firstRuleError(t, slot.rule) ?? schemaError;
}

/** The slot with `preset`'s rule; its output name follows the preset unless the designer named it. */
function withPreset(slot: RuleSlot, slotNumber: number, preset: Preset, presets: Preset[]): RuleSlot {
  const defaults = [
    numberedOutputName(slotNumber),
    ...presets.map((p) => presetOutputName(p.name, slotNumber)),
  ];
  const named = !defaults.includes(slot.fileid.trim());
  return {
    ...slot,
    rule: preset.rule,
    fileid: named ? slot.fileid : presetOutputName(preset.name, slotNumber),
  };
}

/** The 1–5 rules of an upload: each a rule, an output name template and an optional destination bucket. */
export function RuleSlots(props: {
  rules: RuleSlot[];
  /** The bucket the rules run in, where `style/<name>` is looked up. */
  bucket: string;
  errors: Map<string, string>;
  /** The form's stable name: the preview follows these rules while this form owns it. */
  previewOwner: string;
  onChange(rules: RuleSlot[]): void;
}) {
  const t = useT();
  const { touch, shown } = useTouched();
  usePreviewFollows(props.rules, props.previewOwner);
  const warnings = useRuleWarnings(props.rules, props.bucket);
  const presets = usePresetList();
  const update = (index: number, patch: Partial<RuleSlot>) =>
    props.onChange(props.rules.map((slot, i) => (i === index ? { ...slot, ...patch } : slot)));

  return (
    <fieldset className="rule-slots">
      <legend>{t("upload.rules")}</legend>
      {props.rules.length === 0 && <p className="hint">{t("upload.noRules")}</p>}
      {props.rules.map((slot, index) => {
        const id = `rule-${index}`;
        const ruleError = shown(
          `${id}-rule`,
          ruleErrorText(t, slot, props.errors.get(`rules.${index}.rule`)),
          slot.rule,
        );
        const warning = warnings[index];
        const ruleWarning = warning && `${t("rules.ruleText.warning")}: ${warning}`;
        const fileidError = shown(`${id}-fileid`, props.errors.get(`rules.${index}.fileid`), slot.fileid);
        const bucketError = shown(
          `${id}-bucket`,
          props.errors.get(`rules.${index}.bucket`),
          slot.bucket ?? "",
        );
        const touching = (field: string) => ({ onBlur: () => touch(`${id}-${field}`) });
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: slots have no identity beyond their position
          <div className="rule-slot" key={index} data-testid="rule-slot">
            <select
              id={`${id}-preset`}
              className="preset-picker"
              aria-label={t("upload.presetPicker", { n: index + 1 })}
              aria-keyshortcuts={index === 0 ? "Alt+P" : undefined}
              value={presets.find((preset) => preset.rule === slot.rule.trim())?.id ?? ""}
              onChange={(event) => {
                const preset = presets.find((candidate) => candidate.id === event.target.value);
                if (preset)
                  props.onChange(
                    props.rules.map((s, i) => (i === index ? withPreset(s, index + 1, preset, presets) : s)),
                  );
              }}
            >
              <option value="">{t("upload.presetNone")}</option>
              {presets.map((preset) => (
                <option key={preset.id} value={preset.id}>
                  {preset.name}
                </option>
              ))}
            </select>
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
                onChange={(event) => {
                  touch(`${id}-rule`);
                  update(index, { rule: event.target.value });
                }}
                {...touching("rule")}
                {...describedBy(`${id}-rule`, undefined, ruleError, ruleWarning)}
              />
            </Field>
            {watermarkTexts(slot.rule).map((text) => (
              <p key={text} className="hint" data-testid="watermark-text">
                {t("upload.watermarkText", { text })}
              </p>
            ))}
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
                onChange={(event) => {
                  touch(`${id}-fileid`);
                  update(index, { fileid: event.target.value });
                }}
                {...touching("fileid")}
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
                onChange={(event) => {
                  touch(`${id}-bucket`);
                  update(index, { bucket: event.target.value || undefined });
                }}
                {...touching("bucket")}
                {...describedBy(`${id}-bucket`, undefined, bucketError)}
              />
            </Field>
            <PreviewSlotButton rules={props.rules} index={index} owner={props.previewOwner} />
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
          props.onChange([...props.rules, { rule: "", fileid: numberedOutputName(props.rules.length + 1) }])
        }
      >
        {props.rules.length >= MAX_RULES ? t("upload.maxRules") : t("upload.addRule")}
      </button>
    </fieldset>
  );
}
