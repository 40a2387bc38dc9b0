import { z } from "zod";

/**
 * Errors cross every boundary (IPC, web host, COS client) as values with a code the UI
 * can explain. COS's own codes (`NoSuchKey`, `SignatureDoesNotMatch`, …) are used as they
 * are; Picops's own codes are kebab-case (`invalid-input`, `not-supported-locally`, …).
 */
export const AppErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** HTTP status when the error came from COS or the local bucket. */
  status: z.number().int().optional(),
  /** COS's x-cos-request-id, for support requests. */
  requestId: z.string().optional(),
  /** Where the error points in the input: a field path or a rule column. */
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

/**
 * Answers that mean a connection's keys are refused (expired temporary keys, a deleted or
 * mistyped key): every other request would fail the same way until the keys are renewed.
 */
const KEY_REFUSALS = new Set([
  "ExpiredToken",
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "invalid-credentials",
  "credentials-unavailable",
]);

export function isKeyRefusal(error: AppError): boolean {
  return KEY_REFUSALS.has(error.code);
}

/** Thrown by services; the IPC layer turns it into an AppError value for the renderer. */
export class PicopsError extends Error {
  readonly code: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly path: (string | number)[] | undefined;

  constructor(code: string, message: string, extra: Omit<AppError, "code" | "message"> = {}) {
    super(message);
    this.name = "PicopsError";
    this.code = code;
    this.status = extra.status;
    this.requestId = extra.requestId;
    this.path = extra.path;
  }

  toAppError(): AppError {
    const error: AppError = { code: this.code, message: this.message };
    if (this.status !== undefined) error.status = this.status;
    if (this.requestId !== undefined) error.requestId = this.requestId;
    if (this.path !== undefined) error.path = this.path;
    return error;
  }
}
