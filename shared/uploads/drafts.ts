import { z } from "zod";
import { KEY_NAMINGS, MAX_RULES } from "./options";

/**
 * What the designer has typed into a form, kept by the main process so a reload or a restart
 * loses nothing. Drafts are loose on purpose: a half-typed rule or an invalid output name is
 * still the designer's work; the form's own checks say what is wrong with it.
 */
const DraftSlotSchema = z.object({
  rule: z.string().max(8192),
  fileid: z.string().max(2048),
  bucket: z.string().max(100).optional(),
});

const DraftRulesSchema = z.array(DraftSlotSchema).max(MAX_RULES);

/** The upload form: how originals are named and the rule slots (the bucket follows the connection). */
export const UploadDraftSchema = z.object({
  prefix: z.string().max(2048),
  naming: z.enum(KEY_NAMINGS),
  keyTemplate: z.string().max(2048).optional(),
  isPicInfo: z.boolean(),
  concurrency: z.number().int().min(1).max(8),
  rules: DraftRulesSchema,
});
export type UploadDraft = z.infer<typeof UploadDraftSchema>;

/** Processing objects already in the bucket: its rule slots and how many at once. */
export const ProcessingDraftSchema = z.object({
  isPicInfo: z.boolean(),
  concurrency: z.number().int().min(1).max(8),
  rules: DraftRulesSchema,
});
export type ProcessingDraft = z.infer<typeof ProcessingDraftSchema>;

export const FormDraftsSchema = z.object({
  upload: UploadDraftSchema.optional(),
  processing: ProcessingDraftSchema.optional(),
});
export type FormDrafts = z.infer<typeof FormDraftsSchema>;

export const SaveDraftSchema = z.discriminatedUnion("form", [
  z.object({ form: z.literal("upload"), draft: UploadDraftSchema }).strict(),
  z.object({ form: z.literal("processing"), draft: ProcessingDraftSchema }).strict(),
]);
export type SaveDraft = z.infer<typeof SaveDraftSchema>;
