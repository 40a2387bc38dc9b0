/**
 * The `Pic-Operations` header (reference §5.1): the typed model the app edits, its wire JSON
 * (byte-for-byte as the Go SDK writes it) and the checks the local bucket applies to a header
 * it receives.
 */
import { z } from "zod";
import { isValidBucketName, OBJECT_KEY_MAX_BYTES, utf8ByteLength } from "../cos/names";
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
  message: string;
  /** Where in the model, e.g. `["rules", 2, "fileid"]`. */
  path: (string | number)[];
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

export function validatePicOperations(ops: PicOperations): PicOperationsProblem[] {
  const problems: PicOperationsProblem[] = [];
  const count = ops.rules.length;
  if (count === 0) {
    problems.push({ code: "no-rules", message: "Pic-Operations needs at least one rule", path: ["rules"] });
  } else if (count > PIC_OPERATIONS_MAX_RULES) {
    problems.push({
      code: "too-many-rules",
      message: `Pic-Operations takes at most ${PIC_OPERATIONS_MAX_RULES} rules, got ${count}`,
      path: ["rules"],
    });
  }
  ops.rules.forEach((rule, index) => {
    const label = `rule ${index + 1}`;
    const fileidProblem = fileIdProblem(rule.fileid);
    if (fileidProblem) {
      problems.push({
        code: fileidProblem.code,
        message: `${label}: fileid ${fileidProblem.reason}`,
        path: ["rules", index, "fileid"],
      });
    }
    if (rule.bucket && !isValidBucketName(rule.bucket)) {
      problems.push({
        code: "invalid-bucket",
        message: `${label}: bucket must look like examplebucket-1250000000 (lowercase letters, digits and -, then the APPID), got ${JSON.stringify(rule.bucket)}`,
        path: ["rules", index, "bucket"],
      });
    }
    for (const diagnostic of checkRule(rule.rule).diagnostics) {
      if (diagnostic.severity !== "error") continue;
      problems.push({
        code: diagnostic.code,
        message: `${label}: ${diagnostic.message}`,
        path: ["rules", index, "rule"],
      });
    }
  });
  return problems;
}

/** A fileid may start with `/` (absolute), unlike a key; otherwise the same rules apply. */
function fileIdProblem(fileid: string): { code: string; reason: string } | undefined {
  if (fileid === "") return { code: "fileid-empty", reason: "is empty" };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(fileid))
    return { code: "fileid-control-character", reason: "contains a control character" };
  if (fileid.endsWith("/")) return { code: "fileid-trailing-slash", reason: "must not end with /" };
  if (fileid.split("/").some((segment) => segment === "." || segment === ".."))
    return { code: "fileid-dot-segment", reason: "must not contain . or .. segments" };
  const bytes = utf8ByteLength(fileid);
  if (bytes > OBJECT_KEY_MAX_BYTES)
    return { code: "fileid-too-long", reason: `must be at most ${OBJECT_KEY_MAX_BYTES} bytes, got ${bytes}` };
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
