import type { AppErrorCode, ErrorCode } from "../../shared/error-codes";
import {
  ERROR_MESSAGES,
  type ErrorMessageId,
  formatMessage,
  issueMessageRef,
  type MessageRef,
} from "../../shared/error-messages";
import type { AppError } from "../../shared/errors";
import type { MessageKey } from "./catalog";
import type { Translate } from "./translate";

/** What to do about an error, in plain words, for the codes a designer meets. */
const ADVICE = {
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
} satisfies Partial<Record<ErrorCode, MessageKey>>;
const ADVICE_BY_CODE: ReadonlyMap<AppErrorCode, MessageKey> = new Map(Object.entries(ADVICE));

export function explainError(t: Translate, error: AppError): string | undefined {
  const key = ADVICE_BY_CODE.get(error.code);
  return key ? t(key) : undefined;
}

/** Whether Picops wrote this message (an id of the table this build knows), not COS. */
export function hasMessageId(error: Pick<AppError, "messageId">): error is { messageId: ErrorMessageId } {
  return error.messageId !== undefined && Object.hasOwn(ERROR_MESSAGES, error.messageId);
}

/**
 * What went wrong, in the designer's language: Picops's sentences by id and values; COS's
 * own words (no id), or an id this build does not know, as written.
 */
export function errorText(t: Translate, error: Pick<AppError, "message" | "messageId" | "values">): string {
  return hasMessageId(error) ? t(`error.${error.messageId}`, error.values) : error.message;
}

/** A problem the main process reports as a sentence of the table (a damaged file, a plan's problem). */
export function messageText(t: Translate, ref: MessageRef): string {
  return errorText(t, { ...ref, message: formatMessage(ref.messageId, ref.values) });
}

/**
 * A schema's problem in the designer's language, by the id and values its check put in the
 * issue's `params`; one without an id (zod's own, or from a newer build) stays as written.
 */
export function schemaProblemText(t: Translate, issue: { message: string; params?: unknown }): string {
  const ref = issueMessageRef(issue);
  return ref ? messageText(t, ref) : issue.message;
}
