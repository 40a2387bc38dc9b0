import { z } from "zod";
import { isValidBucketName, objectKeyProblem } from "../cos/names";
import { PutObjectOptionsSchema } from "../cos/put-object-options";
import { issueText } from "../error-messages";
import { checkRule, fileIdProblem } from "../rules";
import { unknownPlaceholders } from "./fileid-template";
import { keyTemplateProblems } from "./key-template";

/** At most five rules per Pic-Operations request (reference §5.1). */
export const MAX_RULES = 5;
export const DEFAULT_CONCURRENCY = 3;

/*
 * Every check is a refinement with `issueText`: zod keeps `params` only on custom issues, and
 * the sentence's id in them is what the renderer words in the designer's language.
 */

const bucketName = z.string().refine(isValidBucketName, issueText("bucket-name-format"));
const notEmpty = (text: string) => text.length > 0;

/** One processing rule of an upload: what to do, and where its output goes. */
export const RuleSlotSchema = z.object({
  /** A rule string (`imageMogr2/thumbnail/800x`) or `style/<name>`. */
  rule: z.string().trim().refine(notEmpty, issueText("rule-missing")),
  /** Output name template, e.g. `{name}_w800.{ext}`; a leading `/` makes it absolute in the bucket. */
  fileid: z
    .string()
    .trim()
    .refine(notEmpty, issueText("output-name-missing"))
    .refine((template) => unknownPlaceholders(template).length === 0, issueText("output-name-placeholders")),
  /** Destination bucket; the upload's bucket when absent. */
  bucket: bucketName.optional(),
});
export type RuleSlot = z.infer<typeof RuleSlotSchema>;

/**
 * The slots' checks that need the slot's number: the output name by the same check the plan
 * runs on every expanded name (so the form and the review say the same words), and the rule
 * by the rule language's own checks (an invalid rule blocks review, as the plan would refuse it).
 */
const ruleSlots = z.array(RuleSlotSchema).superRefine((slots, context) => {
  slots.forEach((slot, index) => {
    const template = slot.fileid.trim();
    const problem = template && fileIdProblem(template, index + 1);
    if (problem)
      context.addIssue({
        code: "custom",
        path: [index, "fileid"],
        ...issueText(problem.messageId, problem.values),
      });
    const ruleError = checkRule(slot.rule.trim()).diagnostics.find(
      (diagnostic) => diagnostic.severity === "error",
    );
    if (slot.rule.trim() && ruleError) {
      const values = { rule: index + 1, column: ruleError.span.start + 1 };
      context.addIssue({ code: "custom", path: [index, "rule"], ...issueText("rule-invalid", values) });
    }
  });
});

export const KEY_NAMINGS = ["keep", "slug"] as const;

export const UploadOptionsSchema = z.object({
  bucket: bucketName,
  /** Prepended to every original's key, e.g. `shoots/2026/`. */
  prefix: z
    .string()
    .max(400)
    .refine(
      (prefix) => prefix === "" || objectKeyProblem(`${prefix}x`) === undefined,
      issueText("prefix-invalid"),
    ),
  /** keep: the file's own name and folders; slug: lowercase, spaces and unsafe characters as `-`. */
  naming: z.enum(KEY_NAMINGS),
  /**
   * Names each original by a template (`{yyyy}/{MM}/{name}-{md5:8}.{ext}`, see
   * naming-template.ts) instead of its path; `naming` still shapes `{dir}` and `{name}`.
   */
  keyTemplate: z
    .string()
    .trim()
    .refine(notEmpty, issueText("key-template-missing"))
    .max(400)
    .refine((template) => keyTemplateProblems(template).length === 0, issueText("key-template-placeholders"))
    .optional(),
  put: PutObjectOptionsSchema,
  /** Sends a file even when the object at its key already has its bytes; such a file is skipped by default. */
  uploadIdentical: z.boolean().optional(),
  isPicInfo: z.boolean(),
  rules: ruleSlots.refine(
    (rules) => rules.length <= MAX_RULES,
    issueText("too-many-upload-rules", { max: MAX_RULES }),
  ),
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
  rules: ruleSlots
    .refine((rules) => rules.length > 0, issueText("no-rules"))
    .refine((rules) => rules.length <= MAX_RULES, issueText("too-many-process-rules", { max: MAX_RULES })),
  concurrency: z.number().int().min(1).max(8),
});
export type ProcessOptions = z.infer<typeof ProcessOptionsSchema>;
