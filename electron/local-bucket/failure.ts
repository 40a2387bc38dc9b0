import { type MessageRef, messageRef } from "../../shared/error-messages";
import { ThrownAppError } from "../../shared/errors";

/**
 * An error answer of the local bucket: a COS error code with its HTTP status, and for
 * image failures Cloud Infinite's `X-ErrNo` (reference §4).
 */
export class CosFailure extends ThrownAppError {
  readonly httpStatus: number;
  readonly errNo: number | undefined;
  /** The Picops sentence behind the message, when the engine or a validator refused (see `PICOPS_MESSAGE_HEADER`). */
  readonly sentence: MessageRef | undefined;

  constructor(httpStatus: number, code: string, message: string, errNo?: number, sentence?: MessageRef) {
    // The local bucket speaks as COS: its messages are COS's kind of words, not Picops's table.
    super(code, { message }, { status: httpStatus });
    this.name = "CosFailure";
    this.httpStatus = httpStatus;
    this.errNo = errNo;
    this.sentence = sentence;
  }
}

/**
 * How the engine's and validator's errors reach a client. Reference §4 leaves CI's exact
 * statuses unconfirmed; these follow its recommended emulator behaviour.
 */
export function toCosFailure(error: unknown): CosFailure {
  if (error instanceof CosFailure) return error;
  if (error instanceof ThrownAppError) {
    const sentence = error.messageId && messageRef(error.messageId, error.values);
    switch (error.code) {
      case "EntityTooLarge":
        return new CosFailure(400, "EntityTooLarge", error.message, -167, sentence);
      case "InvalidImageFormat":
        return new CosFailure(400, "InvalidImageFormat", error.message, -441, sentence);
      case "ImageResolutionExceed":
        return new CosFailure(400, "ImageResolutionExceed", error.message, -447, sentence);
      case "InvalidArgument":
        return new CosFailure(400, "InvalidArgument", error.message, undefined, sentence);
      case "not-supported-locally":
        // 501: COS would do this; only the local bucket cannot, so it is not the caller's fault.
        return new CosFailure(
          501,
          "NotImplemented",
          `The local bucket cannot reproduce this operation: ${error.message}`,
          undefined,
          sentence,
        );
    }
  }
  return new CosFailure(500, "InternalError", "We encountered an internal error. Please try again.");
}

/** Codes for injected failures, so a test asking for a 503 sees what COS would send. */
export function defaultCodeFor(status: number): string {
  const codes: Record<number, string> = {
    400: "InvalidRequest",
    403: "AccessDenied",
    404: "NoSuchKey",
    409: "BucketAlreadyExists",
    429: "SlowDown",
    500: "InternalError",
    503: "ServiceUnavailable",
  };
  return codes[status] ?? "InternalError";
}
