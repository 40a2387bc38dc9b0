import { z } from "zod";
import { type MessageRef, MessageRefSchema, messageRef } from "../error-messages";
import { checkRule } from "../rules";

/**
 * Presets: rules the designer keeps under a name. The main process owns them (a file in the
 * data folder); the renderer mirrors the list. The exchange format is what export writes
 * and import reads, so a preset file can move between machines.
 */

export const PRESET_NAME_MAX = 80;
/** Far above any real rule (10 stages of a few parameters), low enough to refuse junk. */
export const PRESET_RULE_MAX = 8192;

export const PresetNameSchema = z.string().trim().min(1, "Give the preset a name").max(PRESET_NAME_MAX);
export const PresetRuleSchema = z.string().trim().min(1, "The rule is empty").max(PRESET_RULE_MAX);

export const PresetSchema = z.object({
  id: z.string().min(1).max(64),
  name: PresetNameSchema,
  rule: PresetRuleSchema,
  /** ISO time of the last change. */
  updatedAt: z.string(),
});
export type Preset = z.infer<typeof PresetSchema>;

export const PRESET_EXCHANGE_FORMAT = "picops-presets";

/** One preset as exported: what it is called and what it does, nothing machine-specific. */
export const ExchangedPresetSchema = z.object({ name: PresetNameSchema, rule: PresetRuleSchema });
export type ExchangedPreset = z.infer<typeof ExchangedPresetSchema>;

export const PresetExchangeSchema = z.object({
  format: z.literal(PRESET_EXCHANGE_FORMAT),
  version: z.literal(1),
  presets: z.array(z.unknown()),
});

/** A preset of an imported file that was not added, and why. */
export const SkippedPresetSchema = z.object({
  /** 0-based position in the file's `presets` array. */
  index: z.number().int(),
  name: z.string().optional(),
  reason: MessageRefSchema,
  /** A refused rule, so the renderer can say what is wrong with it in the designer's language. */
  rule: z.string().optional(),
});
export type SkippedPreset = z.infer<typeof SkippedPresetSchema>;

export function exportPresets(presets: readonly Preset[]): string {
  const exchanged: ExchangedPreset[] = presets.map(({ name, rule }) => ({ name, rule }));
  return `${JSON.stringify({ format: PRESET_EXCHANGE_FORMAT, version: 1, presets: exchanged }, null, 2)}\n`;
}

/**
 * Reads an exported file: every preset is checked on its own (shape, then the rule with the
 * validator), so one bad entry skips that entry only. Rules with errors COS would refuse are
 * skipped; warnings are not a reason to refuse a preset.
 */
export function readPresetExchange(
  text: string,
):
  | { presets: { index: number; preset: ExchangedPreset }[]; skipped: SkippedPreset[] }
  | { problem: MessageRef } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: messageRef("presets-not-json") };
  }
  const file = PresetExchangeSchema.safeParse(json);
  if (!file.success) {
    return { problem: messageRef("presets-wrong-format", { format: PRESET_EXCHANGE_FORMAT }) };
  }
  const presets: { index: number; preset: ExchangedPreset }[] = [];
  const skipped: SkippedPreset[] = [];
  file.data.presets.forEach((raw, index) => {
    const name = nameOf(raw);
    const parsed = ExchangedPresetSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // The field is named as it is in the file (`name`, `rule`), which reads the same in every language.
      const field = issue?.path.join(".") || "preset";
      skipped.push(withName({ index, reason: messageRef("preset-field-invalid", { field }) }, name));
      return;
    }
    const { rule } = parsed.data;
    const error = checkRule(rule).diagnostics.find((d) => d.severity === "error");
    if (error) {
      const column = error.span.start + 1;
      skipped.push(withName({ index, reason: messageRef("preset-rule-invalid", { column }), rule }, name));
      return;
    }
    presets.push({ index, preset: parsed.data });
  });
  return { presets, skipped };
}

function nameOf(raw: unknown): string | undefined {
  const name = (raw as { name?: unknown } | null)?.name;
  return typeof name === "string" ? name.slice(0, PRESET_NAME_MAX) : undefined;
}

function withName(skip: SkippedPreset, name: string | undefined): SkippedPreset {
  return name === undefined ? skip : { ...skip, name };
}
