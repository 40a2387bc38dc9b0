import { z } from "zod";
import { MessageRefSchema } from "../../error-messages";
import { PresetNameSchema, PresetRuleSchema, PresetSchema, SkippedPresetSchema } from "../../presets/preset";
import { Empty } from "./common";

export const PresetListSchema = z.object({
  presets: z.array(PresetSchema),
  /** Set when the presets file could not be read and was moved aside. */
  problem: MessageRefSchema.optional(),
});
export type PresetList = z.infer<typeof PresetListSchema>;

const PresetRef = z.object({ id: z.string().min(1).max(64) }).strict();

/** A style of the bucket (`style/<name>`) with the rule it stands for. */
export const BucketStyleSchema = z.object({ name: z.string(), body: z.string() });
export type BucketStyle = z.infer<typeof BucketStyleSchema>;

export const presetChannels = {
  "presets.list": { input: Empty, output: PresetListSchema },
  "presets.save": {
    input: z.object({ name: PresetNameSchema, rule: PresetRuleSchema }).strict(),
    output: PresetSchema,
  },
  "presets.rename": {
    input: z.object({ id: z.string().min(1).max(64), name: PresetNameSchema }).strict(),
    output: PresetSchema,
  },
  "presets.duplicate": { input: PresetRef, output: PresetSchema },
  "presets.delete": { input: PresetRef, output: Empty },
  "presets.export": {
    input: Empty,
    output: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
  },
  "presets.import": {
    /** The text of the file the designer picked. */
    input: z.object({ content: z.string().max(5_000_000) }).strict(),
    output: z.object({ added: z.array(PresetSchema), skipped: z.array(SkippedPresetSchema) }),
  },
  /** The styles of the active connection's default bucket. */
  "rules.styles": {
    input: Empty,
    output: z.object({ bucket: z.string(), styles: z.array(BucketStyleSchema) }),
  },
  /** Keys of the active connection's default bucket that can serve as an image watermark. */
  "rules.watermarkImages": {
    input: z.object({ prefix: z.string().max(1024) }).strict(),
    output: z.object({
      bucket: z.string(),
      region: z.string(),
      keys: z.array(z.string()),
      /** More keys match than were listed: the designer should type more of the key. */
      truncated: z.boolean(),
    }),
  },
} as const;

export const presetEvents = {
  "presets.changed": PresetListSchema,
} as const;
