import { z } from "zod";
import { issueText } from "../error-messages";
import { keyTemplateProblems } from "../uploads/key-template";
import { defaultUploadOptions, RuleSlotSchema, type UploadOptions } from "../uploads/options";

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
  const rules = presetRule === undefined ? [] : [{ rule: presetRule, fileid: destination.outputTemplate }];
  return { ...defaultUploadOptions(bucket), naming: "keep", prefix: "", rules };
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

/** The default for files sent to `connectionId` under `prefix`: the longest matching prefix wins. */
export function destinationDefaultForPrefix(
  defaults: DestinationDefaults,
  prefixes: PrefixDefaults,
  connectionId: string,
  prefix: string,
): DestinationDefault {
  const matching = Object.keys(prefixes[connectionId] ?? {})
    .filter((candidate) => prefix.startsWith(candidate))
    .sort((a, b) => b.length - a.length);
  const [longest] = matching;
  return (longest && prefixes[connectionId]?.[longest]) || destinationDefaultFor(defaults, connectionId);
}
