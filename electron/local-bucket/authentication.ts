import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { computeSignature, cosEncode, type ParsedAuthorization, parseAuthorization } from "../cos/signature";
import { CosFailure } from "./failure";
import type { QueryPair } from "./request-target";

/**
 * Checks a request's COS signature as reference §1.7 describes, with the one signature
 * implementation in electron/cos/signature. Every request must be signed: the local
 * bucket stands in for a private bucket.
 */

export interface SignedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** The decoded key; the signed path is `/<key>`. */
  key: string;
  query: readonly QueryPair[];
}

const SIGNATURE_FIELDS = [
  "q-sign-algorithm",
  "q-ak",
  "q-sign-time",
  "q-key-time",
  "q-header-list",
  "q-url-param-list",
  "q-signature",
];

/** The Authorization header, else the presigned-URL pairs, else the merged `sign=` param (§1.6). */
function findAuthorization(request: SignedRequest): ParsedAuthorization | undefined {
  const header = request.headers.authorization;
  if (header) return parseAuthorization(header);
  const byName = new Map(request.query.map((pair) => [pair.name, pair.value]));
  if (byName.has("q-signature")) {
    return parseAuthorization(SIGNATURE_FIELDS.map((name) => `${name}=${byName.get(name) ?? ""}`).join("&"));
  }
  const merged = byName.get("sign");
  return merged === undefined ? undefined : parseAuthorization(merged);
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : (value ?? "");
}

/** Throws `CosFailure` unless the request carries a valid signature by a known SecretId. */
export function authenticate(
  request: SignedRequest,
  secretKeys: ReadonlyMap<string, string>,
  nowMs: number,
): void {
  const auth = findAuthorization(request);
  if (!auth) throw new CosFailure(403, "AccessDenied", "Access Denied.");
  if (auth.algorithm !== "sha1") {
    throw new CosFailure(403, "AccessDenied", "Only q-sign-algorithm=sha1 is supported.");
  }
  const secretKey = secretKeys.get(auth.secretId);
  if (secretKey === undefined) {
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
  const headers: Record<string, string> = {};
  for (const listed of auth.headerList) {
    const name = Object.keys(request.headers).find((h) => cosEncode(h).toLowerCase() === listed);
    const signedName = name ?? safeDecode(listed);
    headers[signedName] = name ? headerValue(request.headers, name) : "";
  }
  const query: Record<string, string> = {};
  for (const listed of auth.urlParamList) {
    const pair = request.query.find((p) => cosEncode(p.name).toLowerCase() === listed);
    query[pair ? pair.name : safeDecode(listed)] = pair ? pair.value : "";
  }

  // Clients disagree on whether the signed host keeps its port (Go yes, Python no): try both.
  const hosts = [headers.host];
  if (headers.host !== undefined) {
    const withoutPort = headers.host.replace(/:\d+$/, "");
    if (withoutPort !== headers.host) hosts.push(withoutPort);
  }
  const expected = Buffer.from(auth.signature);
  for (const host of hosts) {
    const { signature } = computeSignature({
      secretId: auth.secretId,
      secretKey,
      method: request.method,
      path: `/${request.key}`,
      query,
      headers: host === undefined ? headers : { ...headers, host },
      startTime: start,
      endTime: end,
    });
    const actual = Buffer.from(signature);
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) return;
  }
  throw new CosFailure(
    403,
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
