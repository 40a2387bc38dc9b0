import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { encodeMessageHeader, PICOPS_MESSAGE_HEADER } from "../cos/picops-message-header";
import type { CosFailure } from "./failure";
import { xmlDocument } from "./xml";

/** One request/response pair with the identifiers COS puts on every answer. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  /** Aborted when the client goes away before the answer is complete. */
  signal: AbortSignal;
}

/** COS request ids are opaque Base64 strings (`NjQ...`). */
export function newRequestId(): string {
  return randomBytes(18).toString("base64");
}

/**
 * Headers on every answer (reference §3). `Date` is the bucket's own clock, not Node's:
 * clients correct their clock skew from it, so it must be the clock signatures are checked against.
 */
export function setCommonHeaders(exchange: Exchange, nowMs: number): void {
  exchange.res.setHeader("Server", "tencent-cos");
  exchange.res.setHeader("Date", new Date(nowMs).toUTCString());
  exchange.res.setHeader("x-cos-request-id", exchange.requestId);
}

export function sendXml(exchange: Exchange, status: number, xml: string): void {
  const body = Buffer.from(xml, "utf8");
  exchange.res.writeHead(status, { "Content-Type": "application/xml", "Content-Length": body.length });
  exchange.res.end(exchange.req.method === "HEAD" ? undefined : body);
}

export function sendEmpty(exchange: Exchange, status: number, headers: Record<string, string> = {}): void {
  exchange.res.writeHead(status, { ...headers, "Content-Length": 0 });
  exchange.res.end();
}

/** The `<Error>` document of reference §4; HEAD answers carry the status and headers only. */
export function sendFailure(exchange: Exchange, failure: CosFailure, resource: string): void {
  const { res } = exchange;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const traceId = randomBytes(24).toString("base64");
  res.setHeader("x-cos-trace-id", traceId);
  if (failure.errNo !== undefined) res.setHeader("X-ErrNo", String(failure.errNo));
  if (failure.sentence) res.setHeader(PICOPS_MESSAGE_HEADER, encodeMessageHeader(failure.sentence));
  sendXml(
    exchange,
    failure.httpStatus,
    xmlDocument("Error", {
      Code: failure.code,
      Message: failure.message,
      Resource: resource,
      RequestId: exchange.requestId,
      TraceId: traceId,
    }),
  );
}
