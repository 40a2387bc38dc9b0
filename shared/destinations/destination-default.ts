import { z } from "zod";
import { KEY_TEMPLATE_PROBLEM, keyTemplateProblems } from "../uploads/key-template";
import { defaultUploadOptions, RuleSlotSchema, type UploadOptions } from "../uploads/options";

/**
 * A default per destination (issue 16, point 6): what files sent to a connection without
 * the designer's hand on them — an editor's upload through the PicGo endpoint today, Quick
 * upload later — are named and processed with. The main process keeps one per connection.
 */

export const DESTINATION_PROBLEMS = {
  "key-template-missing": "Name the original, e.g. {yyyy}/{MM}/{name}.{ext}",
  "key-template-placeholders": KEY_TEMPLATE_PROBLEM,
} as const;

export const DestinationDefaultSchema = z.object({
  /** The preset whose rule COS applies at upload; none: the original only. */
  presetId: z.string().min(1).max(64).optional(),
  /** The original's key (see shared/uploads/key-template.ts). */
  keyTemplate: z
    .string()
    .trim()
    .min(1, DESTINATION_PROBLEMS["key-template-missing"])
    .max(400)
    .refine((template) => keyTemplateProblems(template).length === 0, {
      message: DESTINATION_PROBLEMS["key-template-placeholders"],
    }),
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
