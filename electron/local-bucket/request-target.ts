import { objectKeyProblem } from "../../shared/cos/names";
import { formatMessage } from "../../shared/error-messages";
import { AUTHORIZATION_FIELDS } from "../cos/signature";
import { CosFailure } from "./failure";

/**
 * Where a request points: which bucket, which key, and its query as COS reads it.
 * Addressing is virtual-host (`<bucket>.cos.<region>.myqcloud.com`, or `.localhost`, and
 * the `pic` host used by the style API, the `ci` host of batch jobs) or path-style (`/<bucket>/<key>`, what the Node
 * SDK sends with a `Domain` of `127.0.0.1:PORT/{Bucket}`). Either way the signed path is
 * `/<key>` (reference §11).
 */

export interface QueryPair {
  /** Percent-decoded; `+` stays `+` (COS clients encode spaces as `%20`). */
  name: string;
  value: string;
  /** The pair exactly as sent, for rules that contain `=` (Base64 padding). */
  raw: string;
}

export interface RequestTarget {
  bucket: string;
  /** Decoded key; empty for bucket-level requests. */
  key: string;
  query: QueryPair[];
  /** Sent to `<bucket>.ci.<region>…`, Cloud Infinite's host, where batch jobs live. */
  ciHost: boolean;
}

/** Query names that carry a signature, not a request. */
const SIGNATURE_PARAMS = new Set<string>([...AUTHORIZATION_FIELDS, "sign", "x-cos-security-token"]);

export function isSignatureParam(name: string): boolean {
  return SIGNATURE_PARAMS.has(name);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new CosFailure(400, "InvalidURI", "Couldn't parse the specified URI.");
  }
}

export function parseQuery(rawQuery: string): QueryPair[] {
  return rawQuery
    .split("&")
    .filter((raw) => raw.length > 0)
    .map((raw) => {
      const eq = raw.indexOf("=");
      return eq < 0
        ? { name: decode(raw), value: "", raw }
        : { name: decode(raw.slice(0, eq)), value: decode(raw.slice(eq + 1)), raw };
    });
}

const VIRTUAL_HOST = /^([a-z0-9-]+)\.(cos|pic|ci)\.([a-z0-9-]+)\.(?:myqcloud\.com|localhost)(?::\d+)?$/;

/** Throws `CosFailure` for unparseable URIs, unsafe keys and buckets this server does not hold. */
export function resolveTarget(
  url: string,
  host: string,
  region: string,
  buckets: ReadonlySet<string>,
): RequestTarget {
  const q = url.indexOf("?");
  const rawPath = q < 0 ? url : url.slice(0, q);
  const query = parseQuery(q < 0 ? "" : url.slice(q + 1));
  if (!rawPath.startsWith("/")) throw new CosFailure(400, "InvalidURI", "Couldn't parse the specified URI.");
  const virtual = VIRTUAL_HOST.exec(host.toLowerCase());
  let bucket: string;
  let rawKey: string;
  if (virtual) {
    bucket = virtual[1] as string;
    rawKey = rawPath.slice(1);
    if (virtual[3] !== region) throw noSuchBucket(bucket);
  } else {
    const slash = rawPath.indexOf("/", 1);
    bucket = decode(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash));
    rawKey = slash < 0 ? "" : rawPath.slice(slash + 1);
  }
  if (!buckets.has(bucket)) throw noSuchBucket(bucket);
  const key = decode(rawKey);
  if (key !== "") {
    const problem = objectKeyProblem(key);
    if (problem) {
      const code = problem.messageId === "key-too-long" ? "KeyTooLong" : "InvalidURI";
      throw new CosFailure(400, code, formatMessage(problem.messageId, problem.values));
    }
  }
  return { bucket, key, query, ciHost: virtual?.[2] === "ci" };
}

function noSuchBucket(bucket: string): CosFailure {
  return new CosFailure(404, "NoSuchBucket", `The specified bucket does not exist: ${bucket}.`);
}
