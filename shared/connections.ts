import { z } from "zod";
import { isValidBucketName, isValidRegion } from "./cos/names";

/**
 * Connection profiles. The renderer only ever sees a `ConnectionSummary`; secrets travel
 * one way, renderer → main, inside `CosProfileInput`, and are kept by the vault.
 */

export const LOCAL_CONNECTION_ID = "local";

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
  problem: z.string().optional(),
});
export type ConnectionSummary = z.infer<typeof ConnectionSummarySchema>;

const trimmed = (max: number) => z.string().trim().max(max);

/** The fields of a COS profile form, before the checks that involve several fields. */
const CosProfileFieldsSchema = z.object({
  /** Present when editing an existing profile. */
  id: z.string().min(1).max(64).optional(),
  label: trimmed(80).min(1, "Give the connection a name"),
  secretId: trimmed(128).min(1, "SecretId is required"),
  /** Empty when editing means "keep the stored key". */
  secretKey: z.string().max(256),
  sessionToken: z.string().max(4096).optional(),
  sessionTokenExpiresAt: z.iso.datetime({ offset: true }).optional(),
  region: trimmed(40).refine(isValidRegion, "Region looks like ap-guangzhou"),
  defaultBucket: trimmed(60).refine(isValidBucketName, "Bucket is BucketName-APPID, e.g. photos-1250000000"),
  customDomain: trimmed(253)
    .regex(/^[A-Za-z0-9.{}:/-]+$/, "A host name, optionally with {Bucket} and {Region}")
    .optional(),
});

const SECRET_KEY_REQUIRED = { message: "SecretKey is required", path: ["secretKey"] };
const hasSecretKey = (input: { id?: string | undefined; secretKey: string }) =>
  input.id !== undefined || input.secretKey.length > 0;

export const CosProfileInputSchema = CosProfileFieldsSchema.refine(hasSecretKey, SECRET_KEY_REQUIRED);
export type CosProfileInput = z.infer<typeof CosProfileInputSchema>;

/** What "Test connection" needs: the form as it stands, a name not yet required. */
export const CosConnectionTestInputSchema = CosProfileFieldsSchema.omit({ label: true }).refine(
  hasSecretKey,
  SECRET_KEY_REQUIRED,
);
export type CosConnectionTestInput = z.infer<typeof CosConnectionTestInputSchema>;

/** Masks all but the first four and last four characters. */
export function maskSecretId(secretId: string): string {
  if (secretId.length <= 8) return "*".repeat(secretId.length);
  return `${secretId.slice(0, 4)}${"*".repeat(secretId.length - 8)}${secretId.slice(-4)}`;
}
