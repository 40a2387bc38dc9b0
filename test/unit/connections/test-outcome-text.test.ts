import { describe, expect, it } from "vitest";
import { testOutcomeText } from "../../../renderer/features/connections/test-outcome-text";
import "../../../renderer/app/catalog";
import { type Language, type Translate, translatorFor } from "../../../renderer/i18n/translate";
import type { ConnectionTestOutcome } from "../../../shared/connection-test";

/** The app's real catalogue and translator. */
const translators: Record<Language, Translate> = { en: translatorFor("en"), "zh-CN": translatorFor("zh-CN") };

const HOST = "photos-1250000000.cos.ap-guangzhou.myqcloud.com";
const OUTCOMES: ConnectionTestOutcome[] = [
  { kind: "ok", bucket: "photos-1250000000", region: "ap-guangzhou", empty: true },
  { kind: "ok", bucket: "photos-1250000000", region: "ap-guangzhou", empty: false },
  ...(["unknown-secret-id", "secret-key-mismatch", "not-allowed", "token-expired"] as const).map(
    (reason) => ({ kind: "wrong-key", reason }) as const,
  ),
  { kind: "wrong-region", region: "ap-guangzou" },
  { kind: "bucket-not-found", bucket: "photos-1250000000", region: "ap-guangzhou" },
  { kind: "clock-skew", offsetSeconds: 600, corrected: true },
  { kind: "clock-skew", corrected: false },
  ...(["host-not-found", "refused", "timed-out", "network-down"] as const).map(
    (reason) => ({ kind: "offline", host: HOST, reason }) as const,
  ),
  { kind: "other", code: "InvalidBucketName", message: "The bucket name is invalid." },
];

describe("testOutcomeText", () => {
  it.each(["en", "zh-CN"] as const)(
    "explains every outcome in %s, with every value filled in",
    (language) => {
      const sentences = OUTCOMES.map((outcome) => testOutcomeText(translators[language], outcome));
      for (const sentence of sentences) expect(sentence).not.toMatch(/\{\w+\}|connectionTest\./);
      expect(new Set(sentences).size).toBe(OUTCOMES.length);
    },
  );

  it("says which way and how far the clock is off", () => {
    const text = (offsetSeconds: number) =>
      testOutcomeText(translators.en, { kind: "clock-skew", offsetSeconds, corrected: false });
    expect(text(-600)).toContain("10 minutes ahead of COS's");
    expect(text(45)).toContain("45 seconds behind COS's");
    expect(text(1)).toBe(
      "COS says this computer's clock is wrong. COS refused the request because of the time. Set the clock to update automatically and test again.",
    );
    expect(text(3 * 3600)).toContain("3 hours behind");
    expect(
      testOutcomeText(translators["zh-CN"], { kind: "clock-skew", offsetSeconds: -600, corrected: true }),
    ).toContain("本机时钟比 COS 快 10 分钟");
  });
});
