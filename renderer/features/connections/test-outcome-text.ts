import type { ConnectionTestOutcome } from "../../../shared/connection-test";
import type { MessageKey, Translate } from "../../i18n";

type Outcome<K extends ConnectionTestOutcome["kind"]> = Extract<ConnectionTestOutcome, { kind: K }>;

const WRONG_KEY: Record<Outcome<"wrong-key">["reason"], MessageKey> = {
  "unknown-secret-id": "connectionTest.unknownSecretId",
  "secret-key-mismatch": "connectionTest.secretKeyMismatch",
  "not-allowed": "connectionTest.notAllowed",
  "token-expired": "connectionTest.tokenExpired",
};

const OFFLINE: Record<Outcome<"offline">["reason"], MessageKey> = {
  "host-not-found": "connectionTest.hostNotFound",
  refused: "connectionTest.refused",
  "timed-out": "connectionTest.timedOut",
  "network-down": "connectionTest.networkDown",
};

/** The sentence the COS form shows for a "Test connection" outcome. */
export function testOutcomeText(t: Translate, outcome: ConnectionTestOutcome): string {
  switch (outcome.kind) {
    case "ok":
      return t(outcome.empty ? "connectionTest.okEmpty" : "connectionTest.ok", {
        bucket: outcome.bucket,
        region: outcome.region,
      });
    case "wrong-key":
      return t(WRONG_KEY[outcome.reason]);
    case "wrong-region":
      return t("connectionTest.wrongRegion", { region: outcome.region });
    case "bucket-not-found":
      return t("connectionTest.bucketNotFound", { bucket: outcome.bucket, region: outcome.region });
    case "clock-skew":
      return `${clockText(t, outcome.offsetSeconds)} ${t(
        outcome.corrected ? "connectionTest.clockCorrected" : "connectionTest.clockRefused",
      )}`;
    case "offline":
      return t(OFFLINE[outcome.reason], { host: outcome.host });
    case "other":
      return t("connectionTest.other", { code: outcome.code, message: outcome.message });
  }
}

/** Below this, COS's Date header does not tell how far off the clock is (the SDKs' own threshold). */
const KNOWN_SKEW_SECONDS = 30;

/** `offsetSeconds` is COS's clock minus ours: positive means this computer is behind. */
function clockText(t: Translate, offsetSeconds: number | undefined): string {
  if (offsetSeconds === undefined || Math.abs(offsetSeconds) < KNOWN_SKEW_SECONDS) {
    return t("connectionTest.clockWrong");
  }
  const seconds = Math.abs(offsetSeconds);
  const amount =
    seconds < 120
      ? t("connectionTest.seconds", { n: seconds })
      : seconds < 7200
        ? t("connectionTest.minutes", { n: Math.round(seconds / 60) })
        : t("connectionTest.hours", { n: Math.round(seconds / 3600) });
  return t(offsetSeconds > 0 ? "connectionTest.clockBehind" : "connectionTest.clockAhead", { amount });
}
