import type { AppError } from "../../shared/errors";
import type { MessageKey } from "./catalog";
import type { Translate } from "./index";

/** What to do about an error, in plain words, for the codes a designer meets. */
const ADVICE: Record<string, MessageKey> = {
  SignatureDoesNotMatch: "advice.signature",
  InvalidAccessKeyId: "advice.accessKeyId",
  AccessDenied: "advice.accessDenied",
  ExpiredToken: "advice.expiredToken",
  RequestTimeTooSkewed: "advice.clockSkew",
  NoSuchBucket: "advice.noSuchBucket",
  NoSuchKey: "advice.noSuchKey",
  EntityTooLarge: "advice.tooLarge",
  InvalidImageFormat: "advice.notImage",
  ImageResolutionExceed: "advice.resolution",
  InvalidArgument: "advice.invalidArgument",
  NotImplemented: "advice.notLocal",
  "not-supported-locally": "advice.notLocal",
  "request-failed": "advice.network",
  "host-unreachable": "advice.network",
  InternalError: "advice.serverBusy",
  ServiceUnavailable: "advice.serverBusy",
  SlowDown: "advice.serverBusy",
  "file-unreadable": "advice.fileUnreadable",
};

export function explainError(t: Translate, error: AppError): string | undefined {
  const key = ADVICE[error.code];
  return key ? t(key) : undefined;
}
