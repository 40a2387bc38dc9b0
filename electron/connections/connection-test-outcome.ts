import type { ConnectionTestOutcome } from "../../shared/connection-test";

/** Where the test pointed: COS's own hosts, or a custom domain the designer typed. */
export interface ConnectionTestTarget {
  bucket: string;
  region: string;
  customDomain: boolean;
}

/** What happened to the one signed listing, stripped of everything but facts. */
export type ConnectionTestFacts =
  | {
      kind: "listed";
      empty: boolean;
      /** COS's clock minus ours if the client had to re-sign with COS's time, else 0. */
      clockCorrectionMs: number;
    }
  | {
      kind: "cos-error";
      code: string;
      message: string;
      status: number;
      /** COS's clock minus ours, when COS said what time it was. */
      serverOffsetMs: number | undefined;
      clockSkew: boolean;
    }
  | { kind: "no-answer"; host: string; systemCode: string | undefined; message: string }
  | { kind: "timed-out"; host: string }
  | { kind: "failed"; code: string; message: string };

const WRONG_KEY_REASONS: Record<string, Extract<ConnectionTestOutcome, { kind: "wrong-key" }>["reason"]> = {
  InvalidAccessKeyId: "unknown-secret-id",
  SignatureDoesNotMatch: "secret-key-mismatch",
  AccessDenied: "not-allowed",
  ExpiredToken: "token-expired",
};

const OFFLINE_REASONS: Record<string, Extract<ConnectionTestOutcome, { kind: "offline" }>["reason"]> = {
  ECONNREFUSED: "refused",
  ETIMEDOUT: "timed-out",
  UND_ERR_CONNECT_TIMEOUT: "timed-out",
  UND_ERR_HEADERS_TIMEOUT: "timed-out",
  // No DNS answer at all (as opposed to "no such name") is what being offline looks like.
  EAI_AGAIN: "network-down",
  ENETUNREACH: "network-down",
  EHOSTUNREACH: "network-down",
  ECONNRESET: "network-down",
  ECONNABORTED: "network-down",
  EPIPE: "network-down",
  UND_ERR_SOCKET: "network-down",
  UND_ERR_CLOSED: "network-down",
};

/**
 * Turns the facts of a test into the outcome the form explains. COS resolves
 * `<bucket>.cos.<region>.myqcloud.com` for every region it has, so a name that does not
 * resolve there means the region is wrong; a real region without the bucket answers
 * NoSuchBucket, which is also what a bucket in another region looks like.
 */
export function classifyConnectionTest(
  target: ConnectionTestTarget,
  facts: ConnectionTestFacts,
  secrets: readonly string[],
): ConnectionTestOutcome {
  switch (facts.kind) {
    case "listed":
      if (facts.clockCorrectionMs !== 0) {
        return {
          kind: "clock-skew",
          offsetSeconds: Math.round(facts.clockCorrectionMs / 1000),
          corrected: true,
        };
      }
      return { kind: "ok", bucket: target.bucket, region: target.region, empty: facts.empty };
    case "cos-error": {
      if (facts.clockSkew) {
        return facts.serverOffsetMs === undefined
          ? { kind: "clock-skew", corrected: false }
          : { kind: "clock-skew", offsetSeconds: Math.round(facts.serverOffsetMs / 1000), corrected: false };
      }
      const reason = WRONG_KEY_REASONS[facts.code];
      if (reason) return { kind: "wrong-key", reason };
      if (facts.code === "NoSuchBucket") {
        return { kind: "bucket-not-found", bucket: target.bucket, region: target.region };
      }
      return {
        kind: "other",
        code: facts.code,
        message: withoutSecrets(facts.message, secrets),
        status: facts.status,
      };
    }
    case "no-answer": {
      if (facts.systemCode === "ENOTFOUND") {
        return target.customDomain
          ? { kind: "offline", host: facts.host, reason: "host-not-found" }
          : { kind: "wrong-region", region: target.region };
      }
      const reason = facts.systemCode === undefined ? undefined : OFFLINE_REASONS[facts.systemCode];
      if (reason) return { kind: "offline", host: facts.host, reason };
      return {
        kind: "other",
        code: facts.systemCode ?? "request-failed",
        message: withoutSecrets(facts.message, secrets),
      };
    }
    case "timed-out":
      return { kind: "offline", host: facts.host, reason: "timed-out" };
    case "failed":
      return { kind: "other", code: facts.code, message: withoutSecrets(facts.message, secrets) };
  }
}

/** COS's messages should not quote keys, but the form shows them as they are: make sure. */
function withoutSecrets(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) if (secret.length >= 4) clean = clean.split(secret).join("[redacted]");
  return clean;
}
