import { createHash, createHmac } from "node:crypto";

/**
 * COS request signature v5 ("q-sign", HMAC-SHA1), exactly as reference §1.2–1.3.
 * Both the client (signing) and the local bucket (verifying) use these functions, so
 * the two can never disagree about the algorithm.
 */

export interface SignatureInput {
  secretId: string;
  secretKey: string;
  method: string;
  /** Decoded object path starting with `/` (bucket root is `/`). */
  path: string;
  /** Query parameters to sign; an empty string value still signs as `name=`. */
  query?: Record<string, string>;
  /** Headers to sign (names case-insensitive). */
  headers?: Record<string, string>;
  /** Key time window, Unix seconds. */
  startTime: number;
  endTime: number;
}

/** The seven pairs of an Authorization value (or of a presigned URL), in COS's order. */
export const AUTHORIZATION_FIELDS = [
  "q-sign-algorithm",
  "q-ak",
  "q-sign-time",
  "q-key-time",
  "q-header-list",
  "q-url-param-list",
  "q-signature",
] as const;

/** `encodeURIComponent` plus `! ' ( ) *`: percent-encodes all but `A-Z a-z 0-9 - _ . ~`. */
export function cosEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

interface EncodedPair {
  name: string;
  value: string;
}

function encodePairs(entries: Record<string, string>): EncodedPair[] {
  return Object.entries(entries)
    .map(([name, value]) => ({ name: cosEncode(name).toLowerCase(), value: cosEncode(value) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The listed names as given, each with the value of the entry it names (empty when none does). */
function listedPairs(entries: Record<string, string>, listed: readonly string[]): EncodedPair[] {
  const byName = new Map<string, string>();
  for (const [name, value] of Object.entries(entries)) {
    const encoded = cosEncode(name).toLowerCase();
    if (!byName.has(encoded)) byName.set(encoded, value);
  }
  return listed.map((name) => ({ name, value: cosEncode(byName.get(name) ?? "") }));
}

export interface SignatureOptions {
  /**
   * Verifying: the names exactly as the signer listed them in `q-header-list` and
   * `q-url-param-list` (encoded, lowercase). The string to sign is then rebuilt in the
   * signer's order instead of sorted, because SDKs disagree on how exotic names sort
   * (reference §1.3, §1.7); a listed name no entry has signs as empty.
   */
  listed?: { headers: readonly string[]; query: readonly string[] };
}

function hmacSha1Hex(key: string, message: string): string {
  return createHmac("sha1", key).update(message).digest("hex");
}

/**
 * The key of the last key time: uploads started within the same second share it, and
 * HMAC's set-up is a fair share of signing. Held per secret, never more than the last one.
 */
let lastSignKey: { secretKey: string; keyTime: string; signKey: string } | undefined;

function signKeyFor(secretKey: string, keyTime: string): string {
  if (lastSignKey?.secretKey !== secretKey || lastSignKey.keyTime !== keyTime) {
    lastSignKey = { secretKey, keyTime, signKey: hmacSha1Hex(secretKey, keyTime) };
  }
  return lastSignKey.signKey;
}

export interface SignatureParts {
  keyTime: string;
  headerList: string;
  urlParamList: string;
  signature: string;
}

/** Computes the signature and the name lists that go into the Authorization value. */
export function computeSignature(input: SignatureInput, options: SignatureOptions = {}): SignatureParts {
  const keyTime = `${input.startTime};${input.endTime}`;
  const { listed } = options;
  const params = listed ? listedPairs(input.query ?? {}, listed.query) : encodePairs(input.query ?? {});
  const headers = listed
    ? listedPairs(input.headers ?? {}, listed.headers)
    : encodePairs(input.headers ?? {});
  const join = (pairs: EncodedPair[]) => pairs.map((p) => `${p.name}=${p.value}`).join("&");
  const httpString = `${input.method.toLowerCase()}\n${input.path}\n${join(params)}\n${join(headers)}\n`;
  const stringToSign = `sha1\n${keyTime}\n${createHash("sha1").update(httpString).digest("hex")}\n`;
  const signKey = signKeyFor(input.secretKey, keyTime);
  return {
    keyTime,
    headerList: headers.map((h) => h.name).join(";"),
    urlParamList: params.map((p) => p.name).join(";"),
    signature: hmacSha1Hex(signKey, stringToSign),
  };
}

/** The `Authorization` header value: seven `key=value` pairs in COS's fixed order. */
export function signRequest(input: SignatureInput): string {
  const parts = computeSignature(input);
  return [
    "q-sign-algorithm=sha1",
    `q-ak=${input.secretId}`,
    `q-sign-time=${parts.keyTime}`,
    `q-key-time=${parts.keyTime}`,
    `q-header-list=${parts.headerList}`,
    `q-url-param-list=${parts.urlParamList}`,
    `q-signature=${parts.signature}`,
  ].join("&");
}

export interface ParsedAuthorization {
  algorithm: string;
  secretId: string;
  signTime: string;
  keyTime: string;
  /** Names as listed (encoded, lowercase). */
  headerList: string[];
  urlParamList: string[];
  signature: string;
}

/** Parses an Authorization value (or the same pairs taken from a presigned URL's query). */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const fields = new Map<string, string>();
  for (const pair of value.split("&")) {
    const eq = pair.indexOf("=");
    if (eq > 0) fields.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  const required = ["q-sign-algorithm", "q-ak", "q-sign-time", "q-key-time", "q-signature"];
  if (!required.every((name) => fields.has(name))) return undefined;
  const list = (name: string) => (fields.get(name) ?? "").split(";").filter((item) => item.length > 0);
  return {
    algorithm: fields.get("q-sign-algorithm") ?? "",
    secretId: fields.get("q-ak") ?? "",
    signTime: fields.get("q-sign-time") ?? "",
    keyTime: fields.get("q-key-time") ?? "",
    headerList: list("q-header-list"),
    urlParamList: list("q-url-param-list"),
    signature: fields.get("q-signature") ?? "",
  };
}
