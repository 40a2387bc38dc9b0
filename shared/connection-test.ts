import { z } from "zod";

/**
 * What "Test connection" found, as facts the form turns into plain words. Nothing here
 * may carry a secret: COS's own message (the `other` case) is scrubbed before it is sent.
 */
export const ConnectionTestOutcomeSchema = z.discriminatedUnion("kind", [
  /** The keys signed a listing of the bucket and COS answered it. */
  z.object({ kind: z.literal("ok"), bucket: z.string(), region: z.string(), empty: z.boolean() }),
  z.object({
    kind: z.literal("wrong-key"),
    reason: z.enum(["unknown-secret-id", "secret-key-mismatch", "not-allowed", "token-expired"]),
  }),
  /** COS has no endpoint for this region: the name is misspelt or not a COS region. */
  z.object({ kind: z.literal("wrong-region"), region: z.string() }),
  /** No such bucket in this region: the name is wrong, or the bucket lives in another region. */
  z.object({ kind: z.literal("bucket-not-found"), bucket: z.string(), region: z.string() }),
  z.object({
    kind: z.literal("clock-skew"),
    /** COS's clock minus this computer's, when COS said what time it was. */
    offsetSeconds: z.number().int().optional(),
    /** Picops re-signed with COS's time and the call went through. */
    corrected: z.boolean(),
  }),
  z.object({
    kind: z.literal("offline"),
    host: z.string(),
    reason: z.enum(["host-not-found", "refused", "timed-out", "network-down"]),
  }),
  z.object({
    kind: z.literal("other"),
    code: z.string(),
    message: z.string(),
    status: z.number().int().optional(),
  }),
]);
export type ConnectionTestOutcome = z.infer<typeof ConnectionTestOutcomeSchema>;
