import { z } from "zod";
import { issueText } from "../error-messages";
import type { Preset } from "../presets/preset";
import { keyTemplateProblems } from "../uploads/key-template";
import { defaultUploadOptions, type RuleSlot, RuleSlotSchema, type UploadOptions } from "../uploads/options";

/**
 * A default per destination (issue 16, point 6): what files sent to a connection without
 * the designer's hand on them — an editor's upload through the PicGo endpoint today, Quick
 * upload later — are named and processed with. The main process keeps one per connection.
 */

export const DestinationDefaultSchema = z.object({
  /** The preset whose rule COS applies at upload; none: the original only. */
  presetId: z.string().min(1).max(64).optional(),
  /** The original's key (see shared/uploads/key-template.ts). */
  keyTemplate: z
    .string()
    .trim()
    .max(400)
    .refine((template) => template.length > 0, issueText("key-template-missing"))
    .refine((template) => keyTemplateProblems(template).length === 0, issueText("key-template-placeholders")),
  /** The processed output's name, a fileid template relative to the original. */
  outputTemplate: RuleSlotSchema.shape.fileid,
});
export type DestinationDefault = z.infer<typeof DestinationDefaultSchema>;

/** Every connection's default, by connection id. */
export const DestinationDefaultsSchema = z.record(z.string(), DestinationDefaultSchema);
export type DestinationDefaults = z.infer<typeof DestinationDefaultsSchema>;

/** What a connection without a saved default uses: originals by month, the output beside them. */
export const STANDARD_DESTINATION_DEFAULT: DestinationDefault = {
  keyTemplate: "{yyyy}/{MM}/{name}.{ext}",
  outputTemplate: "{name}_processed.{format}",
};

export function destinationDefaultFor(
  defaults: DestinationDefaults,
  connectionId: string,
): DestinationDefault {
  return defaults[connectionId] ?? STANDARD_DESTINATION_DEFAULT;
}

/**
 * The upload options for files named by a destination's key template: their keys are
 * already complete (prefix-free, kept as named), and the preset's rule is the one rule.
 */
export function destinationUploadOptions(
  bucket: string,
  destination: DestinationDefault,
  presetRule: string | undefined,
): UploadOptions {
  return {
    ...defaultUploadOptions(bucket),
    naming: "keep",
    prefix: "",
    rules: ruleSlotsOf(destination, presetRule),
  };
}

/** The preset's rule, its output named by the default's template: the one rule a default applies. */
function ruleSlotsOf(destination: DestinationDefault, presetRule: string | undefined): RuleSlot[] {
  return presetRule === undefined ? [] : [{ rule: presetRule, fileid: destination.outputTemplate }];
}

/**
 * Defaults for key prefixes of a connection (`blog/` → the blog's preset): files sent under a
 * prefix take the default of the longest prefix they start with, else the connection's.
 */
export const PrefixDefaultsSchema = z.record(
  z.string(),
  z.record(z.string().min(1).max(400), DestinationDefaultSchema),
);
export type PrefixDefaults = z.infer<typeof PrefixDefaultsSchema>;

/** The default that applies under `prefix`, and the prefix it was saved for ("" for the connection's own). */
export function matchingDestinationDefault(
  defaults: DestinationDefaults,
  prefixes: PrefixDefaults,
  connectionId: string,
  prefix: string,
): { prefix: string; destination: DestinationDefault } {
  const own = prefixes[connectionId] ?? {};
  const [longest] = Object.keys(own)
    .filter((candidate) => prefix.startsWith(candidate))
    .sort((a, b) => b.length - a.length);
  const destination = longest === undefined ? undefined : own[longest];
  return longest !== undefined && destination
    ? { prefix: longest, destination }
    : { prefix: "", destination: destinationDefaultFor(defaults, connectionId) };
}

/** The default for files sent to `connectionId` under `prefix`: the longest matching prefix wins. */
export function destinationDefaultForPrefix(
  defaults: DestinationDefaults,
  prefixes: PrefixDefaults,
  connectionId: string,
  prefix: string,
): DestinationDefault {
  return matchingDestinationDefault(defaults, prefixes, connectionId, prefix).destination;
}

/**
 * What a default puts in the upload form's rule slots when files arrive: its preset's rule, and
 * where it came from, for the form to say so ("Default for photos/: Web 1600 applied").
 */
export interface DefaultRules {
  /** The prefix whose default it is; "" for the connection's own. */
  prefix: string;
  presetName: string;
  rules: RuleSlot[];
}

/** The rules of the default under `prefix`; none when that default has no preset (or its preset is gone). */
export function defaultRulesFor(
  defaults: DestinationDefaults,
  prefixes: PrefixDefaults,
  presets: readonly Pick<Preset, "id" | "name" | "rule">[],
  connectionId: string,
  prefix: string,
): DefaultRules | undefined {
  const match = matchingDestinationDefault(defaults, prefixes, connectionId, prefix);
  const preset = presets.find((candidate) => candidate.id === match.destination.presetId);
  if (!preset) return undefined;
  return {
    prefix: match.prefix,
    presetName: preset.name,
    rules: ruleSlotsOf(match.destination, preset.rule),
  };
}
