import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import {
  AUTHORIZATION_FIELDS,
  computeSignature,
  cosEncode,
  type ParsedAuthorization,
  parseAuthorization,
} from "../cos/signature";
import { CosFailure } from "./failure";
import { utf8HeaderText } from "./header-text";
import type { QueryPair } from "./request-target";

/**
 * Checks a request's COS signature as reference §1.7 describes, with the one signature
 * implementation in electron/cos/signature. Every request must be signed: the local
 * bucket stands in for a private bucket.
 */

/** A key pair the bucket accepts; with a session token, STS-style temporary keys. */
export interface LocalCredential {
  secretId: string;
  secretKey: string;
  /** Requests signed with this pair must carry it as `x-cos-security-token`. */
  sessionToken?: string;
  /** When the session token stops working, in ms on the bucket's clock. */
  expiresAt?: number;
}

export interface SignedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** The decoded key; the signed path is `/<key>`. */
  key: string;
  query: readonly QueryPair[];
}

/** The Authorization header, else the presigned-URL pairs, else the merged `sign=` param (§1.6). */
function findAuthorization(request: SignedRequest): ParsedAuthorization | undefined {
  const header = request.headers.authorization;
  if (header) return parseAuthorization(header);
  const byName = new Map(request.query.map((pair) => [pair.name, pair.value]));
  if (byName.has("q-signature")) {
    return parseAuthorization(
      AUTHORIZATION_FIELDS.map((name) => `${name}=${byName.get(name) ?? ""}`).join("&"),
    );
  }
  const merged = byName.get("sign");
  return merged === undefined ? undefined : parseAuthorization(merged);
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : (value ?? "");
}

/**
 * Throws `CosFailure` unless the request carries a valid signature by a known SecretId
 * and, for temporary keys, their session token before it expires.
 */
export function authenticate(
  request: SignedRequest,
  credentials: ReadonlyMap<string, LocalCredential>,
  nowMs: number,
): void {
  const credential = verifySignature(request, credentials, nowMs);
  if (credential.sessionToken === undefined) return;
  const token =
    headerValue(request.headers, "x-cos-security-token") ||
    // What the SDKs send on the ci host instead (reference §1.5).
    headerValue(request.headers, "x-ci-security-token") ||
    request.query.find((pair) => pair.name === "x-cos-security-token")?.value;
  if (token !== credential.sessionToken) {
    throw new CosFailure(
      403,
      "AccessDenied",
      "The security token is missing or does not belong to this key.",
    );
  }
  if (credential.expiresAt !== undefined && nowMs >= credential.expiresAt) {
    throw new CosFailure(400, "ExpiredToken", "The provided token has expired.");
  }
}

function verifySignature(
  request: SignedRequest,
  credentials: ReadonlyMap<string, LocalCredential>,
  nowMs: number,
): LocalCredential {
  const auth = findAuthorization(request);
  if (!auth) throw new CosFailure(403, "AccessDenied", "Access Denied.");
  if (auth.algorithm !== "sha1") {
    throw new CosFailure(403, "AccessDenied", "Only q-sign-algorithm=sha1 is supported.");
  }
  const credential = credentials.get(auth.secretId);
  if (credential === undefined) {
    throw new CosFailure(
      403,
      "InvalidAccessKeyId",
      "The access key Id you provided does not exist in our records.",
    );
  }
  const [start, end] = auth.keyTime.split(";").map(Number);
  if (start === undefined || end === undefined || !Number.isInteger(start) || !Number.isInteger(end)) {
    throw new CosFailure(403, "AccessDenied", "The q-key-time of the signature is malformed.");
  }
  const now = Math.floor(nowMs / 1000);
  if (now < start || now > end) throw new CosFailure(403, "AccessDenied", "Request has expired");

  // Signed names are listed encoded and lowercased; find what each one names. A listed
  // name the request lacks signs as empty (reference §1.7, step 3).
  const received: Record<string, string> = {};
  for (const listed of auth.headerList) {
    const name = Object.keys(request.headers).find((h) => cosEncode(h).toLowerCase() === listed);
    if (name) received[name] = headerValue(request.headers, name);
  }
  const query: Record<string, string> = {};
  for (const listed of auth.urlParamList) {
    const pair = request.query.find((p) => cosEncode(p.name).toLowerCase() === listed);
    if (pair && !(pair.name in query)) query[pair.name] = pair.value;
  }

  const expected = Buffer.from(auth.signature);
  for (const headers of signedReadings(received)) {
    const { signature } = computeSignature(
      {
        secretId: auth.secretId,
        secretKey: credential.secretKey,
        method: request.method,
        path: `/${request.key}`,
        query,
        headers,
        startTime: start,
        endTime: end,
      },
      // In the signer's order, not re-sorted: SDKs sort exotic names differently (§1.3, §1.7).
      { listed: { headers: auth.headerList, query: auth.urlParamList } },
    );
    const actual = Buffer.from(signature);
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) return credential;
  }
  throw new CosFailure(
    403,
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  );
}

/**
 * The signed headers as the signer may have read them, most likely first:
 * - non-ASCII text as UTF-8 (what Go signs, and what the text means), else as received
 *   (a client that was handed the UTF-8 bytes as a Latin-1 string signs those);
 * - the host with its port (Go) or without it (Python).
 */
function signedReadings(received: Record<string, string>): Record<string, string>[] {
  const asUtf8 = Object.fromEntries(
    Object.entries(received).map(([name, value]) => [name, utf8HeaderText(value)]),
  );
  const texts = Object.entries(asUtf8).some(([name, value]) => value !== received[name])
    ? [asUtf8, received]
    : [received];
  return texts.flatMap((headers) => {
    const withoutPort = headers.host?.replace(/:\d+$/, "");
    return withoutPort === undefined || withoutPort === headers.host
      ? [headers]
      : [headers, { ...headers, host: withoutPort }];
  });
}
