import { type ErrorMessageId, formatMessage } from "../../shared/error-messages";
import { ThrownAppError } from "../../shared/errors";
import { decodeMessageHeader, PICOPS_MESSAGE_HEADER } from "./picops-message-header";
import { parseErrorBody } from "./xml";

/**
 * An error COS answered with (reference §4). The code is COS's own (`NoSuchKey`,
 * `SignatureDoesNotMatch`, …) so the UI can explain it without knowing HTTP. The message is
 * COS's own words, quoted; only an answer without a body gets a sentence of Picops's table.
 */
export class CosError extends ThrownAppError {
  declare readonly status: number;
  /** What the error is about, e.g. `bucket-1250000000.cos.ap-guangzhou.myqcloud.com/a.jpg`. */
  readonly resource: string | undefined;
  /** COS's clock when it answered (`ServerTime` or the `Date` header), for skew correction. */
  readonly serverTime: string | undefined;
  readonly traceId: string | undefined;
  /** Cloud Infinite's `X-ErrNo` for download-time processing failures (e.g. -441). */
  readonly errNo: number | undefined;

  constructor(init: {
    code: string;
    message: string;
    /** Set when the message is Picops's (an answer with no body), not COS's. */
    messageId?: ErrorMessageId | undefined;
    values?: Record<string, string | number> | undefined;
    status: number;
    requestId?: string | undefined;
    resource?: string | undefined;
    serverTime?: string | undefined;
    traceId?: string | undefined;
    errNo?: number | undefined;
  }) {
    super(
      init.code,
      {
        message: init.message,
        ...(init.messageId === undefined ? {} : { messageId: init.messageId, values: init.values }),
      },
      {
        status: init.status,
        ...(init.requestId === undefined ? {} : { requestId: init.requestId }),
      },
    );
    this.name = "CosError";
    this.resource = init.resource;
    this.serverTime = init.serverTime;
    this.traceId = init.traceId;
    this.errNo = init.errNo;
  }

  /** COS's clock is too far from ours; re-signing with a corrected clock fixes it (§1.7). */
  get isClockSkew(): boolean {
    return (
      this.code === "RequestTimeTooSkewed" ||
      (this.code === "AccessDenied" && this.message === "Request has expired")
    );
  }
}

/** HEAD answers carry no body, so the status alone names the error. */
const CODE_BY_STATUS: Record<number, [code: string, messageId: ErrorMessageId]> = {
  400: ["BadRequest", "cos-status-400"],
  403: ["AccessDenied", "cos-status-403"],
  404: ["NoSuchKey", "cos-status-404"],
  405: ["MethodNotAllowed", "cos-status-405"],
  409: ["Conflict", "cos-status-409"],
  411: ["MissingContentLength", "cos-status-411"],
  412: ["PreconditionFailed", "cos-status-412"],
  416: ["InvalidRange", "cos-status-416"],
  500: ["InternalError", "cos-status-500"],
  503: ["ServiceUnavailable", "cos-status-503"],
};

/** Cloud Infinite's download-time failure numbers (§4), in plain words. */
const ERRNO_MESSAGES: Record<number, string> = {
  [-103]: "the processing request is invalid",
  [-104]: "the APPID or domain is invalid",
  [-105]: "no style has that name",
  [-106]: "the URL is invalid",
  [-107]: "the Host is invalid",
  [-108]: "the Referer is not allowed",
  [-110]: "the image is blocked",
  [-113]: "the file type is not supported",
  [-154]: "original-image protection is on: use a style",
  [-167]: "the file is too large",
  [-441]: "the image format cannot be processed (JPG, BMP, GIF, PNG and WebP can)",
  [-442]: "the image is over the size limit",
  [-443]: "the image format does not meet the processing limits",
  [-447]: "the resolution is too large or there are too many animation frames",
  [-6101]: "the image does not exist",
  [-40168]: "the original is empty",
};

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Turns a non-2xx answer (status, lowercase headers, body text) into a CosError. */
export function cosErrorFromResponse(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: string,
): CosError {
  const parsed = parseErrorBody(body);
  const errNoText = header(headers, "x-errno");
  const errNo = errNoText !== undefined && /^-?\d+$/.test(errNoText.trim()) ? Number(errNoText) : undefined;
  const [fallbackCode, fallbackId] = CODE_BY_STATUS[status] ?? ["UnexpectedResponse", "cos-status-other"];
  // Picops's sentence only when COS said nothing and no Cloud Infinite number needs quoting.
  const ownWords = !parsed?.message && errNo === undefined;
  const fallbackValues = fallbackId === "cos-status-other" ? { status } : undefined;
  // The Local bucket names the sentence behind its message; the message itself stays as sent.
  const localSentence = decodeMessageHeader(header(headers, PICOPS_MESSAGE_HEADER));
  let message = parsed?.message || formatMessage(fallbackId, fallbackValues);
  if (errNo !== undefined) {
    message = `${message} (Cloud Infinite error ${errNo}: ${ERRNO_MESSAGES[errNo] ?? "unknown"})`;
  }
  return new CosError({
    code: parsed?.code ?? fallbackCode,
    message,
    ...(localSentence ?? (ownWords ? { messageId: fallbackId, values: fallbackValues } : {})),
    status,
    requestId: header(headers, "x-cos-request-id") ?? parsed?.requestId,
    resource: parsed?.resource,
    serverTime: parsed?.serverTime ?? header(headers, "date"),
    traceId: parsed?.traceId ?? header(headers, "x-cos-trace-id"),
    errNo,
  });
}
