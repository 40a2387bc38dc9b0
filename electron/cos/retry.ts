import { setTimeout as delay } from "node:timers/promises";
import { PicopsError } from "../../shared/errors";

/** How the client retries 5xx answers and network failures (reference §8). */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The first backoff ceiling; each further attempt doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 5_000 };

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(max, base·2^(n−1))), so
 * many clients retrying together spread out instead of hitting COS in step.
 */
export function backoffDelay(failedAttempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.floor(random() * ceiling);
}

export function abortedError(): PicopsError {
  return new PicopsError("aborted", "request-cancelled");
}

/** Waits `ms`, rejecting with `aborted` as soon as the signal fires. */
export async function waitForRetry(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) throw abortedError();
  try {
    await delay(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) throw abortedError();
    throw error;
  }
}
