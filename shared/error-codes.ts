/**
 * Every error code Picops names, declared once: the codes it gives its own errors, and the
 * codes of COS's (and the engine's, which answers as COS would) that it reacts to by name —
 * advice, key refusals, retries. COS may answer with codes Picops does not name; those pass
 * through as written (`AppError.code`), but every table and every thrown error uses these.
 */

export const PICOPS_ERROR_CODES = [
  "aborted",
  "batch-not-finished",
  "cancelled",
  "credentials-unavailable",
  "download-failed",
  "file-not-given",
  "file-unreadable",
  "folder-too-large",
  "forbidden-sender",
  "host-unreachable",
  "internal",
  "invalid-credentials",
  "invalid-input",
  "invalid-plan",
  "invalid-presets-file",
  "invalid-rule",
  "keys-required",
  "malformed-response",
  "media-too-large",
  "network-error",
  "no-bucket",
  "not-allowed",
  "not-found",
  "not-supported-locally",
  "nothing-to-process",
  "nothing-to-upload",
  "paused",
  "request-failed",
  "superseded",
  "unknown-channel",
  "vault-unreadable",
] as const;
export type PicopsErrorCode = (typeof PICOPS_ERROR_CODES)[number];

export const NAMED_COS_ERROR_CODES = [
  "AccessDenied",
  "EntityTooLarge",
  "ExpiredToken",
  "ImageResolutionExceed",
  "InternalError",
  "InvalidAccessKeyId",
  "InvalidArgument",
  "InvalidBucketName",
  "InvalidImageFormat",
  "NoSuchBucket",
  "NoSuchKey",
  "NotImplemented",
  "RequestTimeTooSkewed",
  "ServiceUnavailable",
  "SignatureDoesNotMatch",
  "SlowDown",
] as const;
export type NamedCosErrorCode = (typeof NAMED_COS_ERROR_CODES)[number];

export type ErrorCode = PicopsErrorCode | NamedCosErrorCode;

/** A code as an error carries it: one Picops names, or COS's own as it answered. */
export type AppErrorCode = ErrorCode | (string & {});

/** A set of named codes that any error's code can be looked up in; a misspelt name does not compile. */
export function codeSet(...codes: ErrorCode[]): ReadonlySet<AppErrorCode> {
  return new Set(codes);
}
