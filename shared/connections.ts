import { z } from "zod";
import { isValidBucketName, isValidRegion } from "./cos/names";
import { ErrorMessageIdSchema, issueText } from "./error-messages";

/**
 * Connection profiles. The renderer only ever sees a `ConnectionSummary`; secrets travel
 * one way, renderer → main, inside `CosProfileInput`, and are kept by the vault.
 */

export const LOCAL_CONNECTION_ID = "local";
/** The Local bucket's one bucket and its region, as its connection names them. */
export const LOCAL_BUCKET_NAME = "picops-1250000000";
export const LOCAL_REGION = "ap-local";

export const ConnectionSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(["local", "cos"]),
  label: z.string(),
  region: z.string(),
  defaultBucket: z.string().optional(),
  /** `AKID****************wxyz`: enough to recognise a key, never enough to use it. */
  secretIdMasked: z.string().optional(),
  customDomain: z.string().optional(),
  /** ISO time when the STS session token expires. */
  sessionTokenExpiresAt: z.string().optional(),
  /** Set when the vault could not read this profile; the others still work. */
  problem: ErrorMessageIdSchema.optional(),
});
export type ConnectionSummary = z.infer<typeof ConnectionSummarySchema>;

const trimmed = (max: number) => z.string().trim().max(max);

/* Every check says its problem with `issueText`, so the renderer words it by id (see shared/uploads/options.ts). */

/** The fields of a COS profile form, before the checks that involve several fields. */
const CosProfileFieldsSchema = z.object({
  /** Present when editing an existing profile. */
  id: z.string().min(1).max(64).optional(),
  label: trimmed(80).refine((label) => label.length > 0, issueText("connection-name-missing")),
  /** Empty, with the SecretKey, when editing means "keep the stored keys". */
  secretId: trimmed(128),
  secretKey: z.string().max(256),
  sessionToken: z.string().max(4096).optional(),
  sessionTokenExpiresAt: z.iso.datetime({ offset: true }).optional(),
  region: trimmed(40).refine(isValidRegion, issueText("region-format")),
  defaultBucket: trimmed(60).refine(isValidBucketName, issueText("bucket-name-format")),
  customDomain: trimmed(253)
    .refine((domain) => /^[A-Za-z0-9.{}:/-]+$/.test(domain), issueText("custom-domain-format"))
    .optional(),
});

type KeyFields = { id?: string | undefined; secretId: string; secretKey: string };

/**
 * Editing a profile with both key fields left empty keeps its stored keys (and session token);
 * otherwise SecretId and SecretKey go together: a pair is replaced whole, never half.
 */
export function keepsStoredKeys(input: KeyFields): boolean {
  return input.id !== undefined && input.secretId === "" && input.secretKey === "";
}

function checkKeyPair(input: KeyFields, context: z.RefinementCtx): void {
  if (keepsStoredKeys(input)) return;
  if (input.secretId === "") {
    context.addIssue({ code: "custom", path: ["secretId"], ...issueText("secret-id-missing") });
  }
  if (input.secretKey === "") {
    context.addIssue({ code: "custom", path: ["secretKey"], ...issueText("secret-key-missing") });
  }
}

export const CosProfileInputSchema = CosProfileFieldsSchema.superRefine(checkKeyPair);
export type CosProfileInput = z.infer<typeof CosProfileInputSchema>;

/** What "Test connection" needs: the form as it stands, a name not yet required. */
export const CosConnectionTestInputSchema = CosProfileFieldsSchema.omit({ label: true }).superRefine(
  checkKeyPair,
);
export type CosConnectionTestInput = z.infer<typeof CosConnectionTestInputSchema>;

/** Masks all but the first four and last four characters. */
export function maskSecretId(secretId: string): string {
  if (secretId.length <= 8) return "*".repeat(secretId.length);
  return `${secretId.slice(0, 4)}${"*".repeat(secretId.length - 8)}${secretId.slice(-4)}`;
}
