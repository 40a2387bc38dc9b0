/**
 * The `Pic-Operations` header (reference §5.1): the typed model the app edits, its wire JSON
 * (byte-for-byte as the Go SDK writes it) and the checks the local bucket applies to a header
 * it receives.
 */
import { z } from "zod";
import { isValidBucketName, OBJECT_KEY_MAX_BYTES, utf8ByteLength } from "../cos/names";
import { formatMessage, type MessageRef, messageRef } from "../error-messages";
import { checkRule } from "./validate";

export const PicOperationsRuleSchema = z.object({
  rule: z.string(),
  /** Output key: `/a/b.jpg` is absolute in the bucket, `b.jpg` is beside the input object. */
  fileid: z.string(),
  /** `BucketName-APPID` to write to; the input's bucket when absent. */
  bucket: z.string().optional(),
});

export const PicOperationsSchema = z.object({
  /** Ask COS to report the original picture's ImageInfo. */
  isPicInfo: z.boolean(),
  rules: z.array(PicOperationsRuleSchema),
});
export type PicOperations = z.infer<typeof PicOperationsSchema>;

export interface PicOperationsProblem {
  code: string;
  /** English, as the local bucket answers it. */
  message: string;
  /** Where in the model, e.g. `["rules", 2, "fileid"]`. */
  path: (string | number)[];
}

/** A problem of a model Picops built itself, with what to tell the designer about it. */
export interface PicOperationsModelProblem extends PicOperationsProblem {
  /** A rule's own error in detail is the rule editor's to show, in the designer's language. */
  text: MessageRef;
}

/** COS processes at most this many rules per request (reference §8). */
export const PIC_OPERATIONS_MAX_RULES = 5;

/** What the header carries; COS clients write `is_pic_info` as 0/1, some as a boolean. */
const WireSchema = z.object({
  is_pic_info: z.union([z.literal(0), z.literal(1), z.boolean()]).optional(),
  rules: z
    .array(z.object({ bucket: z.string().optional(), fileid: z.string(), rule: z.string() }))
    .optional(),
});

/**
 * Compact JSON exactly as the Go SDK's `json.Marshal` writes it: `is_pic_info` only when 1
 * (Go's `omitempty`), then `rules`; per rule `bucket` (only when set), `fileid`, `rule`; and
 * Go's escapes of `<`, `>`, `&`, U+2028 and U+2029.
 */
export function encodePicOperations(ops: PicOperations): string {
  const wire: Record<string, unknown> = {};
  if (ops.isPicInfo) wire.is_pic_info = 1;
  wire.rules = ops.rules.map((rule) => ({
    ...(rule.bucket ? { bucket: rule.bucket } : {}),
    fileid: rule.fileid,
    rule: rule.rule,
  }));
  return JSON.stringify(wire).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * Reads a received header. `ops` is present whenever the JSON has the right shape; `problems`
 * then holds what `validatePicOperations` finds, so one call tells the local bucket whether
 * to process the request.
 */
export function decodePicOperations(json: string): { ops?: PicOperations; problems: PicOperationsProblem[] } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { problems: [{ code: "invalid-json", message: "Pic-Operations is not valid JSON", path: [] }] };
  }
  const parsed = WireSchema.safeParse(value);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => {
        const path = issue.path.map((key) => (key === "is_pic_info" ? "isPicInfo" : key)) as (
          | string
          | number
        )[];
        const where = path.length > 0 ? ` at ${path.join(".")}` : "";
        return {
          code: "invalid-shape",
          message: `Pic-Operations has the wrong shape${where}: ${issue.message}`,
          path,
        };
      }),
    };
  }
  const wire = parsed.data;
  const ops: PicOperations = {
    isPicInfo: wire.is_pic_info === 1 || wire.is_pic_info === true,
    rules: (wire.rules ?? []).map((rule) => ({
      rule: rule.rule,
      fileid: rule.fileid,
      ...(rule.bucket ? { bucket: rule.bucket } : {}),
    })),
  };
  return { ops, problems: validatePicOperations(ops) };
}

export function validatePicOperations(ops: PicOperations): PicOperationsModelProblem[] {
  const problems: PicOperationsModelProblem[] = [];
  const count = ops.rules.length;
  if (count === 0) {
    problems.push(tableProblem("no-rules", ["rules"], messageRef("pic-operations-no-rules")));
  } else if (count > PIC_OPERATIONS_MAX_RULES) {
    const text = messageRef("pic-operations-too-many-rules", { max: PIC_OPERATIONS_MAX_RULES, count });
    problems.push(tableProblem("too-many-rules", ["rules"], text));
  }
  ops.rules.forEach((rule, index) => {
    const label = `rule ${index + 1}`;
    const fileidProblem = fileIdProblem(rule.fileid, index + 1);
    if (fileidProblem)
      problems.push(tableProblem(fileidProblem.messageId, ["rules", index, "fileid"], fileidProblem));
    if (rule.bucket && !isValidBucketName(rule.bucket)) {
      const text = messageRef("rule-bucket-invalid", { rule: index + 1, bucket: rule.bucket });
      problems.push(tableProblem("invalid-bucket", ["rules", index, "bucket"], text));
    }
    for (const diagnostic of checkRule(rule.rule).diagnostics) {
      if (diagnostic.severity !== "error") continue;
      problems.push({
        code: diagnostic.code,
        message: `${label}: ${diagnostic.message}`,
        text: messageRef("rule-invalid", { rule: index + 1, column: diagnostic.span.start + 1 }),
        path: ["rules", index, "rule"],
      });
    }
  });
  return problems;
}

/** A problem whose English is the table's sentence. */
function tableProblem(
  code: string,
  path: PicOperationsProblem["path"],
  text: MessageRef,
): PicOperationsModelProblem {
  return { code, message: formatMessage(text.messageId, text.values), text, path };
}

type FileIdProblem = MessageRef & {
  messageId:
    | "fileid-empty"
    | "fileid-control-character"
    | "fileid-trailing-slash"
    | "fileid-dot-segment"
    | "fileid-too-long";
};

/**
 * Why an output name (fileid) cannot be used, or undefined: one check for the form (on the
 * template, as it is typed) and the plan (on each expanded name), so both say the same words.
 * A fileid may start with `/` (absolute), unlike a key; otherwise the same rules apply.
 */
export function fileIdProblem(fileid: string, rule: number): FileIdProblem | undefined {
  if (fileid === "") return { messageId: "fileid-empty", values: { rule } };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(fileid))
    return { messageId: "fileid-control-character", values: { rule } };
  if (fileid.endsWith("/")) return { messageId: "fileid-trailing-slash", values: { rule } };
  if (fileid.split("/").some((segment) => segment === "." || segment === ".."))
    return { messageId: "fileid-dot-segment", values: { rule } };
  const bytes = utf8ByteLength(fileid);
  if (bytes > OBJECT_KEY_MAX_BYTES)
    return { messageId: "fileid-too-long", values: { rule, maxBytes: OBJECT_KEY_MAX_BYTES, bytes } };
  return undefined;
}

/**
 * The key a rule's result is stored under: a leading `/` is absolute within the bucket
 * (`/p2/t.jpg` → `p2/t.jpg`); anything else sits beside the input object
 * (`p1/a.jpg` + `p2/t.jpg` → `p1/p2/t.jpg`).
 */
export function resolveFileId(inputKey: string, fileid: string): string {
  if (fileid.startsWith("/")) return fileid.slice(1);
  return inputKey.slice(0, inputKey.lastIndexOf("/") + 1) + fileid;
}
