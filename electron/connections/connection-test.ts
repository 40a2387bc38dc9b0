import type { ConnectionTestOutcome } from "../../shared/connection-test";
import type { CosConnectionTestInput } from "../../shared/connections";
import { ThrownAppError } from "../../shared/errors";
import { CosClient } from "../cos/client";
import { CosError } from "../cos/cos-error";
import { type CosEndpoint, objectTarget } from "../cos/endpoint";
import { abortedError } from "../cos/retry";
import { NetworkFailure } from "../cos/transport";
import { type ConnectionTestFacts, classifyConnectionTest } from "./connection-test-outcome";
import type { CosCredentials } from "./vault";

/** Long enough for a slow link to COS, short enough that a dead one is reported while the form is open. */
export const CONNECTION_TEST_TIMEOUT_MS = 8_000;

export interface ConnectionTestOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
  /** This computer's clock; tests pass a wrong one to see skew. */
  now?: () => number;
}

type TestedProfile = Pick<CosConnectionTestInput, "region" | "defaultBucket" | "customDomain">;

/**
 * "Test connection": one signed GET Bucket with max-keys=1, the cheapest call that proves
 * the keys, the region and the bucket at once. A fresh client without retries, so what
 * comes back is what COS said the first time (a clock skew is still corrected once, as
 * every other call would, and reported).
 */
export async function testConnection(
  profile: TestedProfile,
  credentials: CosCredentials,
  options: ConnectionTestOptions = {},
): Promise<ConnectionTestOutcome> {
  const now = options.now ?? Date.now;
  const endpoint = testedEndpoint(profile);
  const target = {
    bucket: profile.defaultBucket,
    region: profile.region,
    customDomain: profile.customDomain !== undefined,
  };
  const secrets = [credentials.secretId, credentials.secretKey, credentials.sessionToken ?? ""];
  let host: string;
  try {
    host = objectTarget(endpoint, target.bucket, target.region, "").host;
  } catch {
    return { kind: "other", code: "invalid-input", message: "The custom domain is not a usable address." };
  }

  const timeout = AbortSignal.timeout(options.timeoutMs ?? CONNECTION_TEST_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const client = new CosClient({
    credentials,
    region: target.region,
    endpoint,
    now,
    retry: { maxAttempts: 1 },
    connections: 1,
  });
  let facts: ConnectionTestFacts;
  try {
    const page = await client.listObjects({ bucket: target.bucket, maxKeys: 1, signal });
    facts = {
      kind: "listed",
      empty: page.contents.length === 0 && page.commonPrefixes.length === 0,
      clockCorrectionMs: client.clockOffsetMs,
    };
  } catch (error) {
    if (options.signal?.aborted) throw abortedError();
    facts = timeout.aborted ? { kind: "timed-out", host } : factsFromError(error, now());
  } finally {
    await client.close();
  }
  return classifyConnectionTest(target, facts, secrets);
}

function testedEndpoint(profile: TestedProfile): CosEndpoint {
  return profile.customDomain
    ? { kind: "custom-domain", domain: profile.customDomain }
    : { kind: "virtual-host" };
}

/**
 * Whether a test of `form` sends its request where the saved profile sends its own, so the
 * profile's stored keys may sign it. COS's own domain is one place whatever the region and
 * bucket (the keys are Tencent Cloud's); a custom domain is the address it resolves to.
 */
export function sameAddress(saved: TestedProfile, form: TestedProfile): boolean {
  if (!saved.customDomain && !form.customDomain) return true;
  if (!saved.customDomain || !form.customDomain) return false;
  try {
    const address = (profile: TestedProfile) => {
      const target = objectTarget(testedEndpoint(profile), profile.defaultBucket, profile.region, "");
      return `${target.origin}${target.path}`;
    };
    return address(saved) === address(form);
  } catch {
    return false;
  }
}

function factsFromError(error: unknown, nowMs: number): ConnectionTestFacts {
  if (error instanceof CosError) {
    const serverMs = Date.parse(error.serverTime ?? "");
    return {
      kind: "cos-error",
      code: error.code,
      message: error.message,
      status: error.status,
      serverOffsetMs: Number.isNaN(serverMs) ? undefined : serverMs - nowMs,
      clockSkew: error.isClockSkew,
    };
  }
  if (error instanceof NetworkFailure) {
    return { kind: "no-answer", host: error.host, systemCode: error.systemCode, message: error.message };
  }
  if (error instanceof ThrownAppError) return { kind: "failed", code: error.code, message: error.message };
  throw error;
}
