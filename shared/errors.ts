import { z } from "zod";
import { type AppErrorCode, codeSet, type ErrorCode } from "./error-codes";
import {
  type ErrorMessageId,
  ErrorMessageIdSchema,
  formatMessage,
  type MessageValues,
  MessageValuesSchema,
} from "./error-messages";

/**
 * Errors cross every boundary (IPC, web host, COS client) as values with a code the UI
 * can explain. COS's own codes (`NoSuchKey`, `SignatureDoesNotMatch`, …) are used as they
 * are; Picops's own codes are kebab-case (`invalid-input`, `not-supported-locally`, …).
 */
export const AppErrorSchema = z.object({
  /** One of the codes Picops names (`shared/error-codes.ts`), or COS's own as it answered. */
  code: z.custom<AppErrorCode>((code) => typeof code === "string"),
  /** English: Picops's sentence filled in, or COS's own words when `messageId` is absent. */
  message: z.string(),
  /** Picops's sentence (see `ERROR_MESSAGES`), so the renderer can say it in the designer's language. */
  messageId: ErrorMessageIdSchema.optional(),
  values: MessageValuesSchema.optional(),
  /** HTTP status when the error came from COS or the local bucket. */
  status: z.number().int().optional(),
  /** COS's x-cos-request-id, for support requests. */
  requestId: z.string().optional(),
  /** Where the error points in the input: a field path or a rule column. */
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

type ErrorExtra = Pick<AppError, "status" | "requestId" | "path">;

/**
 * Answers that mean a connection's keys are refused (expired temporary keys, a deleted or
 * mistyped key): every other request would fail the same way until the keys are renewed.
 */
const KEY_REFUSALS = codeSet(
  "ExpiredToken",
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "invalid-credentials",
  "credentials-unavailable",
);

export function isKeyRefusal(error: AppError): boolean {
  return KEY_REFUSALS.has(error.code);
}

/**
 * What every thrown error of Picops has in common; the IPC layer turns it into an AppError
 * value for the renderer. Its two kinds differ in who wrote the message: `PicopsError`
 * (Picops, a sentence of the table) and COS's answers (`CosError`, `CosFailure`: the
 * service's own words, quoted as they are, so they carry no `messageId`).
 */
export abstract class ThrownAppError extends Error {
  readonly code: AppErrorCode;
  readonly messageId: ErrorMessageId | undefined;
  readonly values: MessageValues | undefined;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly path: (string | number)[] | undefined;

  protected constructor(
    code: AppErrorCode,
    text: { message: string; messageId?: ErrorMessageId; values?: MessageValues | undefined },
    extra: ErrorExtra,
  ) {
    super(text.message);
    this.code = code;
    this.messageId = text.messageId;
    this.values = text.values;
    this.status = extra.status;
    this.requestId = extra.requestId;
    this.path = extra.path;
  }

  toAppError(): AppError {
    const error: AppError = { code: this.code, message: this.message };
    if (this.messageId !== undefined) error.messageId = this.messageId;
    if (this.values !== undefined) error.values = this.values;
    if (this.status !== undefined) error.status = this.status;
    if (this.requestId !== undefined) error.requestId = this.requestId;
    if (this.path !== undefined) error.path = this.path;
    return error;
  }
}

/** Thrown by services: always one of Picops's sentences, never a free-form one. */
export class PicopsError extends ThrownAppError {
  declare readonly messageId: ErrorMessageId;

  constructor(code: ErrorCode, messageId: ErrorMessageId, values?: MessageValues, extra: ErrorExtra = {}) {
    super(code, { message: formatMessage(messageId, values), messageId, values }, extra);
    this.name = "PicopsError";
  }
}
