import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY_POLICY, waitForRetry } from "../../../electron/cos/retry";

describe("backoffDelay", () => {
  it("draws uniformly below a ceiling that doubles per attempt, capped at maxDelayMs", () => {
    const policy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 };
    const almostOne = () => 0.999_999;
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy, almostOne))).toEqual([
      99, 199, 399, 799, 999,
    ]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(100);
  });

  it("retries three times in all by default", () => {
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBe(3);
  });
});

describe("waitForRetry", () => {
  it("rejects with `aborted` when the signal fires during the wait", async () => {
    const controller = new AbortController();
    const waiting = waitForRetry(60_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: "aborted" });
    await expect(waitForRetry(1, AbortSignal.abort())).rejects.toMatchObject({ code: "aborted" });
  });
});
