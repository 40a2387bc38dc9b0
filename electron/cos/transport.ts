import "./http-parser-tier";
import { Agent, type Dispatcher } from "undici";
import { PicopsError, ThrownAppError } from "../../shared/errors";
import { CosError, cosErrorFromResponse } from "./cos-error";
import type { RequestTarget } from "./endpoint";
import { bodySize, openBody, type RequestBody, type TransferProgress } from "./object-body";
import { readAtMost } from "./read-at-most";
import { abortedError, backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy, waitForRetry } from "./retry";
import { cosEncode, signRequest } from "./signature";
import { ANSWER_MAX_BYTES, requestWhole, type WholeAnswer, type WholeAnswerLimits } from "./whole-answer";

/**
 * Sends one signed COS request: signing, the keep-alive pool, retries with backoff, clock
 * skew correction and cancellation. Everything COS-API-specific lives in client.ts.
 */

export interface CosCredentials {
  secretId: string;
  secretKey: string;
  /** STS session token, sent as `x-cos-security-token` and signed (§1.5); named as the vault names it. */
  sessionToken?: string | undefined;
}

/** Fixed keys, or a provider asked before every attempt (so STS tokens can be refreshed). */
export type CredentialSource = CosCredentials | (() => Promise<CosCredentials>);

export interface CosRequest {
  method: "GET" | "HEAD" | "PUT" | "POST" | "DELETE";
  target: RequestTarget;
  /** Sent in this order and all signed; an empty value is sent as `name=`. */
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: RequestBody;
  /** Safe to send twice: retried on 5xx and network errors. */
  idempotent: boolean;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: TransferProgress) => void) | undefined;
}

export interface CosResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData["body"];
}

/** One attempt's answer: its status, what a 2xx gives the caller, and an error's text. */
interface Exchanged<T> {
  status: number;
  answer: T;
  errorText: () => Promise<string>;
}

/** What an XML answer may hold. */
const XML_ANSWER_LIMIT = {
  ok: ANSWER_MAX_BYTES,
  tooLarge: () =>
    new PicopsError("malformed-response", "answer-too-large", { megabytes: ANSWER_MAX_BYTES / 2 ** 20 }),
};

export interface TransportOptions {
  credentials: CredentialSource;
  /** Milliseconds since the epoch; tests pass a fixed clock. */
  now?: () => number;
  retry?: Partial<RetryPolicy>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Open connections per origin. */
  connections?: number;
}

/** Headers the Node SDK signs besides `x-cos-*` / `x-ci-*` (sdk/util.js `signHeaders`, §1.4). */
const SIGNED_HEADERS = new Set([
  "cache-control",
  "content-disposition",
  "content-encoding",
  "content-length",
  "content-md5",
  "content-type",
  "expect",
  "expires",
  "host",
  "if-match",
  "if-modified-since",
  "if-none-match",
  "if-unmodified-since",
  "origin",
  "range",
  "transfer-encoding",
  "pic-operations",
]);

/** The headers that go into the signature: empty values are left out, as the SDK does. */
export function headersToSign(headers: Record<string, string>): Record<string, string> {
  const signed: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === "") continue;
    if (lower.startsWith("x-cos-") || lower.startsWith("x-ci-") || SIGNED_HEADERS.has(lower)) {
      signed[lower] = value;
    }
  }
  return signed;
}

/** `<bucket>.ci.<region>.myqcloud.com` (or the Local bucket's `.localhost`). */
const CI_HOST = /^[^.]+\.ci\.[^.]+\.(?:myqcloud\.com|localhost)(?::\d+)?$/;

/** Errors that mean the request may not have reached COS or its answer was lost. */
const NETWORK_ERROR_CODES = new Set([
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
]);

function networkErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && NETWORK_ERROR_CODES.has(code) ? code : undefined;
}

/**
 * A request that got no answer. `systemCode` is the socket or DNS failure as Node names it
 * (ENOTFOUND, ECONNREFUSED, …), kept apart from the message so callers can tell them apart.
 */
export class NetworkFailure extends PicopsError {
  constructor(
    code: "network-error" | "request-failed",
    readonly host: string,
    readonly systemCode: string | undefined,
    reason: string,
  ) {
    super(code, code === "network-error" ? "host-unreachable" : "request-failed", { host, reason });
    this.name = "NetworkFailure";
  }
}

/** Enough for any error COS writes (its longest carry a message, a resource and two ids). */
const ERROR_BODY_MAX_BYTES = 64 * 1024;

/** Wraps anything unexpected without passing its message on: it could quote a header. */
function requestFailed(host: string, error: unknown): PicopsError {
  const code = (error as { code?: unknown } | null)?.code;
  const systemCode = typeof code === "string" ? code : undefined;
  const reason = systemCode ?? (error instanceof Error ? error.name : "unknown error");
  return new NetworkFailure("request-failed", host, systemCode, reason);
}

function queryString(query: Record<string, string>): string {
  const pairs = Object.entries(query).map(([name, value]) => `${cosEncode(name)}=${cosEncode(value)}`);
  return pairs.length === 0 ? "" : `?${pairs.join("&")}`;
}

export class CosTransport {
  readonly #credentials: CredentialSource;
  readonly #dispatcher: Agent;
  readonly #now: () => number;
  readonly #retry: RetryPolicy;
  readonly #random: () => number;
  /** COS's clock minus ours, learnt from a skew error and kept for every later request. */
  #clockOffsetMs = 0;

  constructor(options: TransportOptions) {
    this.#credentials = options.credentials;
    this.#now = options.now ?? Date.now;
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#random = options.random ?? Math.random;
    this.#dispatcher = new Agent({
      connections: options.connections ?? 16,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 60_000,
    });
  }

  get clockOffsetMs(): number {
    return this.#clockOffsetMs;
  }

  /** Closes pooled connections; requests in flight finish first. */
  close(): Promise<void> {
    return this.#dispatcher.close();
  }

  /**
   * Resolves with a 2xx answer whose body the caller reads (downloads, HEAD, DELETE);
   * anything else rejects with a CosError or a PicopsError.
   */
  send(request: CosRequest): Promise<CosResponse> {
    return this.#withRetries(request, async (options) => {
      const response = await this.#dispatcher.request(options);
      return {
        status: response.statusCode,
        answer: { status: response.statusCode, headers: response.headers, body: response.body },
        // COS's error bodies are a few hundred bytes: a larger one is read only so far.
        errorText: async () => (await readAtMost(response.body, ERROR_BODY_MAX_BYTES)).toString("utf8"),
      };
    });
  }

  /**
   * `send` for an answer read whole: COS's XML answers (refused past ANSWER_MAX_BYTES) or
   * what a caller keeps whole within its own limit.
   */
  sendForWhole(
    request: CosRequest,
    limit: Pick<WholeAnswerLimits, "ok" | "tooLarge"> = XML_ANSWER_LIMIT,
  ): Promise<WholeAnswer> {
    return this.#withRetries(request, async (options) => {
      const answer = await requestWhole(
        this.#dispatcher,
        options,
        { ...limit, error: ERROR_BODY_MAX_BYTES },
        request.signal,
      );
      return { status: answer.status, answer, errorText: async () => answer.body.toString("utf8") };
    });
  }

  async #withRetries<T extends { headers: CosResponse["headers"] }>(
    request: CosRequest,
    exchange: (options: Dispatcher.RequestOptions) => Promise<Exchanged<T>>,
  ): Promise<T> {
    const { signal } = request;
    let attempt = 0;
    let correctedClock = false;
    for (;;) {
      attempt += 1;
      if (signal?.aborted) throw abortedError();
      let failure: CosError | NetworkFailure;
      try {
        const exchanged = await this.#attempt(request, exchange);
        if (exchanged.status >= 200 && exchanged.status < 300) return exchanged.answer;
        const text = await exchanged.errorText();
        failure = cosErrorFromResponse(exchanged.status, exchanged.answer.headers, text);
      } catch (error) {
        if (signal?.aborted) throw abortedError();
        if (error instanceof ThrownAppError) throw error;
        const code = networkErrorCode(error);
        if (code === undefined) throw requestFailed(request.target.host, error);
        failure = new NetworkFailure("network-error", request.target.host, code, code);
      }
      if (failure instanceof CosError && !correctedClock && this.#isClockSkew(request, failure)) {
        correctedClock = true;
        this.#clockOffsetMs = Date.parse(failure.serverTime ?? "") - this.#now();
        attempt -= 1;
        continue;
      }
      const retryable =
        request.idempotent &&
        attempt < this.#retry.maxAttempts &&
        (failure.code === "network-error" || (failure instanceof CosError && failure.status >= 500));
      if (!retryable) throw failure;
      await waitForRetry(backoffDelay(attempt, this.#retry, this.#random), signal);
    }
  }

  /**
   * COS says so in the error body; a HEAD answer has none, so there a 403 whose Date is
   * 30 s or more from our clock counts as skew, the threshold the Node SDK uses.
   */
  #isClockSkew(request: CosRequest, failure: CosError): boolean {
    const serverMs = Date.parse(failure.serverTime ?? "");
    if (Number.isNaN(serverMs)) return false;
    if (failure.isClockSkew) return true;
    const skewMs = Math.abs(serverMs - (this.#now() + this.#clockOffsetMs));
    return request.method === "HEAD" && failure.status === 403 && skewMs >= 30_000;
  }

  async #attempt<T>(
    request: CosRequest,
    exchange: (options: Dispatcher.RequestOptions) => Promise<Exchanged<T>>,
  ): Promise<Exchanged<T>> {
    const credentials = await this.#resolveCredentials();
    const headers: Record<string, string> = { host: request.target.host };
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
    // PUT and POST always state their length (COS needs it, §3). undici drops a zero
    // Content-Length from HEAD and DELETE, so signing one there would sign a header never sent.
    if (request.method === "PUT" || request.method === "POST" || request.body !== undefined) {
      headers["content-length"] = String(bodySize(request.body));
    }
    if (credentials.sessionToken) {
      // On Cloud Infinite's host the SDKs send the token as x-ci-security-token (reference §1.5).
      const tokenHeader = CI_HOST.test(request.target.host) ? "x-ci-security-token" : "x-cos-security-token";
      headers[tokenHeader] = credentials.sessionToken;
    }
    const now = Math.round((this.#now() + this.#clockOffsetMs) / 1000);
    const query = request.query ?? {};
    headers.authorization = signRequest({
      secretId: credentials.secretId,
      secretKey: credentials.secretKey,
      method: request.method,
      path: request.target.signedPath,
      query,
      headers: headersToSign(headers),
      startTime: now - 1,
      endTime: now + 900,
    });
    const body = request.body === undefined ? undefined : openBody(request.body, request.onProgress);
    try {
      const exchanged = await exchange({
        origin: request.target.origin,
        path: `${request.target.path}${queryString(query)}`,
        method: request.method,
        headers,
        // undici's types list streams, but it sends any iterable (lib/dispatcher/client-h1.js
        // writeIterable) and only an iterable gives readFileChunks its one-chunk-at-a-time pull.
        body: (body ?? null) as Dispatcher.DispatchOptions["body"],
        signal: request.signal,
      });
      if (request.body !== undefined && bodySize(request.body) === 0) {
        request.onProgress?.({ loaded: 0, total: 0 });
      }
      return exchanged;
    } catch (error) {
      // A body undici never started reading still holds its file open.
      if (body !== undefined && !(body instanceof Uint8Array)) await body.return(undefined);
      throw error;
    }
  }

  async #resolveCredentials(): Promise<CosCredentials> {
    let credentials: CosCredentials;
    if (typeof this.#credentials === "function") {
      try {
        credentials = await this.#credentials();
      } catch (error) {
        if (error instanceof ThrownAppError) throw error;
        // The provider's own message may quote what it was given; keep it out of the UI.
        throw new PicopsError("credentials-unavailable", "credentials-unavailable");
      }
    } else {
      credentials = this.#credentials;
    }
    const { secretId, secretKey } = credentials;
    if (!secretId || !secretKey || secretId.trim() !== secretId || secretKey.trim() !== secretKey) {
      throw new PicopsError("invalid-credentials", "credentials-malformed");
    }
    return credentials;
  }
}
