import { z } from "zod";
import { BUCKET_NAME_PROBLEM, isValidBucketName, objectKeyProblem } from "../cos/names";
import { PutObjectOptionsSchema } from "../cos/put-object-options";
import { unknownPlaceholders } from "./fileid-template";
import { KEY_TEMPLATE_PROBLEM, keyTemplateProblems } from "./key-template";

/** At most five rules per Pic-Operations request (reference §5.1). */
export const MAX_RULES = 5;
export const DEFAULT_CONCURRENCY = 3;

/**
 * What the option schemas say about a problem, declared once: the renderer finds the key of
 * an issue's message here and words it in the designer's language.
 */
export const OPTION_PROBLEMS = {
  "rule-missing": "Choose or write a rule",
  "fileid-missing": "Name the output, e.g. {name}_w800.{ext}",
  "fileid-placeholders": "Placeholders are {dir}, {name}, {ext}, {key} and {format}",
  "fileid-trailing-slash": "An output name cannot end with /",
  prefix: "A prefix has no leading /, no . or .. folders and no control characters",
  "too-many-upload-rules": `At most ${MAX_RULES} rules per upload (a COS limit)`,
  "no-rules": "Add at least one rule",
  "too-many-process-rules": `At most ${MAX_RULES} rules per request (a COS limit)`,
} as const;

const bucketName = z.string().refine(isValidBucketName, BUCKET_NAME_PROBLEM);

/** One processing rule of an upload: what to do, and where its output goes. */
export const RuleSlotSchema = z.object({
  /** A rule string (`imageMogr2/thumbnail/800x`) or `style/<name>`. */
  rule: z.string().trim().min(1, OPTION_PROBLEMS["rule-missing"]),
  /** Output name template, e.g. `{name}_w800.{ext}`; a leading `/` makes it absolute in the bucket. */
  fileid: z
    .string()
    .trim()
    .min(1, OPTION_PROBLEMS["fileid-missing"])
    .refine((template) => unknownPlaceholders(template).length === 0, {
      message: OPTION_PROBLEMS["fileid-placeholders"],
    })
    .refine((template) => !template.endsWith("/"), OPTION_PROBLEMS["fileid-trailing-slash"]),
  /** Destination bucket; the upload's bucket when absent. */
  bucket: bucketName.optional(),
});
export type RuleSlot = z.infer<typeof RuleSlotSchema>;

export const KEY_NAMINGS = ["keep", "slug"] as const;

export const UploadOptionsSchema = z.object({
  bucket: bucketName,
  /** Prepended to every original's key, e.g. `shoots/2026/`. */
  prefix: z
    .string()
    .max(400)
    .refine((prefix) => prefix === "" || objectKeyProblem(`${prefix}x`) === undefined, {
      message: OPTION_PROBLEMS.prefix,
    }),
  /** keep: the file's own name and folders; slug: lowercase, spaces and unsafe characters as `-`. */
  naming: z.enum(KEY_NAMINGS),
  /**
   * Names each original by a template (`{yyyy}/{MM}/{name}-{md5:8}.{ext}`, see
   * naming-template.ts) instead of its path; `naming` still shapes `{dir}` and `{name}`.
   */
  keyTemplate: z
    .string()
    .trim()
    .min(1)
    .max(400)
    .refine((template) => keyTemplateProblems(template).length === 0, {
      message: KEY_TEMPLATE_PROBLEM,
    })
    .optional(),
  put: PutObjectOptionsSchema,
  /** Sends a file even when the object at its key already has its bytes; such a file is skipped by default. */
  uploadIdentical: z.boolean().optional(),
  isPicInfo: z.boolean(),
  rules: z.array(RuleSlotSchema).max(MAX_RULES, OPTION_PROBLEMS["too-many-upload-rules"]),
  concurrency: z.number().int().min(1).max(8),
});
export type UploadOptions = z.infer<typeof UploadOptionsSchema>;

export function defaultUploadOptions(bucket: string): UploadOptions {
  return {
    bucket,
    prefix: "",
    naming: "keep",
    put: {},
    isPicInfo: true,
    rules: [],
    concurrency: DEFAULT_CONCURRENCY,
  };
}

/** Processing objects already in the bucket: the rules (at least one) and how many at once. */
export const ProcessOptionsSchema = z.object({
  isPicInfo: z.boolean(),
  rules: z
    .array(RuleSlotSchema)
    .min(1, OPTION_PROBLEMS["no-rules"])
    .max(MAX_RULES, OPTION_PROBLEMS["too-many-process-rules"]),
  concurrency: z.number().int().min(1).max(8),
});
export type ProcessOptions = z.infer<typeof ProcessOptionsSchema>;
