import { describe, expect, it } from "vitest";
import {
  type ConnectionTestFacts,
  classifyConnectionTest,
} from "../../../electron/connections/connection-test-outcome";
import type { ConnectionTestOutcome } from "../../../shared/connection-test";

const COS = { bucket: "photos-1250000000", region: "ap-guangzhou", customDomain: false };
const CUSTOM = { ...COS, customDomain: true };
const SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLEKEY";
const HOST = "photos-1250000000.cos.ap-guangzhou.myqcloud.com";

function cosError(code: string, extra: Partial<Extract<ConnectionTestFacts, { kind: "cos-error" }>> = {}) {
  return {
    kind: "cos-error",
    code,
    message: `COS says ${code}`,
    status: 403,
    serverOffsetMs: undefined,
    clockSkew: false,
    ...extra,
  } as const;
}

const noAnswer = (systemCode: string | undefined) =>
  ({ kind: "no-answer", host: HOST, systemCode, message: `The request to ${HOST} failed.` }) as const;

const table: [string, typeof COS, ConnectionTestFacts, ConnectionTestOutcome][] = [
  [
    "a listing answered",
    COS,
    { kind: "listed", empty: false, clockCorrectionMs: 0 },
    { kind: "ok", bucket: COS.bucket, region: COS.region, empty: false },
  ],
  [
    "an empty bucket answered",
    COS,
    { kind: "listed", empty: true, clockCorrectionMs: 0 },
    { kind: "ok", bucket: COS.bucket, region: COS.region, empty: true },
  ],
  [
    "a listing that needed COS's clock",
    COS,
    { kind: "listed", empty: true, clockCorrectionMs: -600_400 },
    { kind: "clock-skew", offsetSeconds: -600, corrected: true },
  ],
  [
    "an unknown SecretId",
    COS,
    cosError("InvalidAccessKeyId"),
    { kind: "wrong-key", reason: "unknown-secret-id" },
  ],
  [
    "a SecretKey that does not match",
    COS,
    cosError("SignatureDoesNotMatch"),
    { kind: "wrong-key", reason: "secret-key-mismatch" },
  ],
  ["keys without permission", COS, cosError("AccessDenied"), { kind: "wrong-key", reason: "not-allowed" }],
  [
    "an expired session token",
    COS,
    cosError("ExpiredToken", { status: 400 }),
    { kind: "wrong-key", reason: "token-expired" },
  ],
  [
    "RequestTimeTooSkewed with COS's time",
    COS,
    cosError("RequestTimeTooSkewed", { clockSkew: true, serverOffsetMs: 3_599_700 }),
    { kind: "clock-skew", offsetSeconds: 3600, corrected: false },
  ],
  [
    "an expired request without COS's time",
    COS,
    cosError("AccessDenied", { clockSkew: true }),
    { kind: "clock-skew", corrected: false },
  ],
  [
    "no such bucket in the region",
    COS,
    cosError("NoSuchBucket", { status: 404 }),
    { kind: "bucket-not-found", bucket: COS.bucket, region: COS.region },
  ],
  ["no COS host for the region", COS, noAnswer("ENOTFOUND"), { kind: "wrong-region", region: COS.region }],
  [
    "a custom domain that does not resolve",
    CUSTOM,
    noAnswer("ENOTFOUND"),
    { kind: "offline", host: HOST, reason: "host-not-found" },
  ],
  ["a refused connection", COS, noAnswer("ECONNREFUSED"), { kind: "offline", host: HOST, reason: "refused" }],
  ["no DNS at all", COS, noAnswer("EAI_AGAIN"), { kind: "offline", host: HOST, reason: "network-down" }],
  [
    "an unreachable network",
    COS,
    noAnswer("ENETUNREACH"),
    { kind: "offline", host: HOST, reason: "network-down" },
  ],
  [
    "a connect timeout",
    COS,
    noAnswer("UND_ERR_CONNECT_TIMEOUT"),
    { kind: "offline", host: HOST, reason: "timed-out" },
  ],
  [
    "the test's own timeout",
    COS,
    { kind: "timed-out", host: HOST },
    { kind: "offline", host: HOST, reason: "timed-out" },
  ],
  [
    "a TLS failure",
    CUSTOM,
    noAnswer("CERT_HAS_EXPIRED"),
    { kind: "other", code: "CERT_HAS_EXPIRED", message: `The request to ${HOST} failed.` },
  ],
  [
    "any other COS error, with its code and message",
    COS,
    cosError("InvalidBucketName", { status: 400 }),
    { kind: "other", code: "InvalidBucketName", message: "COS says InvalidBucketName", status: 400 },
  ],
  [
    "an error of Picops's own",
    COS,
    { kind: "failed", code: "invalid-credentials", message: "The SecretId and SecretKey must be non-empty." },
    { kind: "other", code: "invalid-credentials", message: "The SecretId and SecretKey must be non-empty." },
  ],
];

describe("classifyConnectionTest", () => {
  it.each(table)("%s", (_name, target, facts, outcome) => {
    expect(classifyConnectionTest(target, facts, [SECRET_KEY])).toEqual(outcome);
  });

  it("never repeats a secret that COS's message quotes", () => {
    const outcome = classifyConnectionTest(
      COS,
      cosError("InvalidRequest", { message: `Key ${SECRET_KEY} is malformed`, status: 400 }),
      [SECRET_KEY],
    );
    expect(outcome).toEqual({
      kind: "other",
      code: "InvalidRequest",
      message: "Key [redacted] is malformed",
      status: 400,
    });
  });
});
