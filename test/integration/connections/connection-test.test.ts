import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeyFileCipher } from "../../../electron/connections/cipher";
import { testConnection } from "../../../electron/connections/connection-test";
import { type LocalBucket, startLocalBucket } from "../../../electron/local-bucket/index";
import { createLogger } from "../../../electron/logger";
import { createServices } from "../../../electron/services";
import { closedPort } from "../../fixtures/network";

const BUCKET = "photos-1250000000";
const REGION = "ap-guangzhou";
const KEYS = { secretId: "AKIDconnectionTest", secretKey: "connectionTestSecretKey-not-real" };
const TEN_MINUTES_MS = 10 * 60_000;

let root: string;
let bucket: LocalBucket;
/** A COS profile pointed at the local bucket through its custom domain field, as a designer could. */
let profile: { region: string; defaultBucket: string; customDomain: string };

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "picops-connection-test-"));
  bucket = await startLocalBucket({ root, region: REGION, buckets: [BUCKET], credentials: [KEYS] });
  profile = { region: REGION, defaultBucket: BUCKET, customDomain: `${bucket.url}/{Bucket}` };
});

afterAll(async () => {
  await bucket.close();
  await rm(root, { recursive: true, force: true });
});

describe("testConnection against the local bucket", () => {
  it("says the connection works and whether the bucket holds anything", async () => {
    expect(await testConnection(profile, KEYS)).toEqual({
      kind: "ok",
      bucket: BUCKET,
      region: REGION,
      empty: true,
    });
  });

  it("tells an unknown SecretId from a SecretKey that does not match", async () => {
    expect(await testConnection(profile, { ...KEYS, secretId: "AKIDnobodyKnowsThis" })).toEqual({
      kind: "wrong-key",
      reason: "unknown-secret-id",
    });
    expect(await testConnection(profile, { ...KEYS, secretKey: "anotherSecretKey-not-real" })).toEqual({
      kind: "wrong-key",
      reason: "secret-key-mismatch",
    });
  });

  it("says when the bucket is not there", async () => {
    const missing = { ...profile, defaultBucket: "nothere-1250000000" };
    expect(await testConnection(missing, KEYS)).toEqual({
      kind: "bucket-not-found",
      bucket: "nothere-1250000000",
      region: REGION,
    });
  });

  it("says how far off this computer's clock is, and that the call went through on COS's time", async () => {
    // Ten minutes fast: the signature's start time is then in COS's future.
    const outcome = await testConnection(profile, KEYS, { now: () => Date.now() + TEN_MINUTES_MS });
    expect(outcome).toMatchObject({ kind: "clock-skew", corrected: true });
    // COS's Date header has whole seconds, so the offset is ten minutes give or take one second.
    expect(outcome.kind === "clock-skew" && Math.abs((outcome.offsetSeconds ?? 0) + 600)).toBeLessThanOrEqual(
      1,
    );
  });

  it("says the server refused the connection when nothing listens there", async () => {
    const port = await closedPort();
    const offline = { ...profile, customDomain: `http://127.0.0.1:${port}/{Bucket}` };
    expect(await testConnection(offline, KEYS)).toEqual({
      kind: "offline",
      host: `127.0.0.1:${port}`,
      reason: "refused",
    });
  });

  it("gives up after its timeout when the server does not answer", async () => {
    bucket.faults.setLatency(60_000);
    try {
      expect(await testConnection(profile, KEYS, { timeoutMs: 100 })).toEqual({
        kind: "offline",
        host: new URL(bucket.url).host,
        reason: "timed-out",
      });
    } finally {
      bucket.faults.clear();
    }
  });

  it("is cancelled by the caller's signal", async () => {
    bucket.faults.setLatency(60_000);
    try {
      const caller = new AbortController();
      const testing = testConnection(profile, KEYS, { signal: caller.signal });
      caller.abort();
      await expect(testing).rejects.toMatchObject({ code: "aborted" });
    } finally {
      bucket.faults.clear();
    }
  });
});

describe("the connections.test channel", () => {
  it("tests a saved profile with its stored keys when the form leaves both key fields empty, and never answers with a key", async () => {
    const dataDir = path.join(root, "app");
    const logged: string[] = [];
    const services = await createServices({
      dataDir,
      cipher: await createKeyFileCipher(path.join(root, "vault.key")),
      host: "web",
      version: "test",
      logger: createLogger((line) => logged.push(line)),
    });
    try {
      const saved = await services.router.call("connections.saveCos", {
        label: "Studio",
        ...KEYS,
        ...profile,
      });
      const id = saved.ok ? (saved.value as { id: string }).id : "";
      const answers = [
        await services.router.call("connections.test", {
          id,
          secretId: "",
          secretKey: "",
          ...profile,
        }),
        await services.router.call("connections.test", {
          ...KEYS,
          ...profile,
          secretKey: "wrongSecretKey-not-real",
        }),
      ];
      expect(answers).toEqual([
        { ok: true, value: { kind: "ok", bucket: BUCKET, region: REGION, empty: true } },
        { ok: true, value: { kind: "wrong-key", reason: "secret-key-mismatch" } },
      ]);
      expect(JSON.stringify([answers, logged])).not.toContain(KEYS.secretKey);
    } finally {
      await services.close();
    }
  });

  it("sends stored keys only to the saved address: testing another custom domain needs the keys typed in the form", async () => {
    // A second server that records whatever reaches it and answers nothing useful.
    const received: { url: string; authorization: string }[] = [];
    const recorder = createServer((request, response) => {
      received.push({ url: request.url ?? "", authorization: String(request.headers.authorization ?? "") });
      response.writeHead(403).end();
    });
    await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
    const elsewhere = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/{Bucket}`;
    const services = await createServices({
      dataDir: path.join(root, "app-endpoints"),
      cipher: await createKeyFileCipher(path.join(root, "vault-endpoints.key")),
      host: "web",
      version: "test",
      logger: createLogger(() => {}),
    });
    try {
      const saved = await services.router.call("connections.saveCos", {
        label: "Studio",
        ...KEYS,
        ...profile,
      });
      const id = saved.ok ? (saved.value as { id: string }).id : "";
      const withStoredKeys = { id, secretId: "", secretKey: "", ...profile };

      expect(
        await services.router.call("connections.test", { ...withStoredKeys, customDomain: elsewhere }),
      ).toEqual({
        ok: false,
        error: {
          code: "keys-required",
          message:
            "The saved keys are only ever sent to this connection's saved address: enter the SecretId and SecretKey to test another one.",
          messageId: "stored-keys-other-endpoint",
          path: ["secretId"],
        },
      });
      const { customDomain: _saved, ...onCosDomain } = withStoredKeys;
      expect(await services.router.call("connections.test", onCosDomain)).toMatchObject({
        ok: false,
        error: { code: "keys-required" },
      });
      expect(received).toEqual([]);

      // The saved address still works with the stored keys; keys typed in the form go anywhere.
      expect(await services.router.call("connections.test", withStoredKeys)).toMatchObject({
        ok: true,
        value: { kind: "ok" },
      });
      const typed = { secretId: "AKIDtypedInTheForm", secretKey: "typedSecretKey-not-real" };
      await services.router.call("connections.test", {
        ...withStoredKeys,
        ...typed,
        customDomain: elsewhere,
      });
      expect(received.map((request) => request.authorization)).toEqual([
        expect.stringContaining(`q-ak=${typed.secretId}`),
      ]);
      expect(JSON.stringify(received)).not.toContain(KEYS.secretId);
    } finally {
      await services.close();
      recorder.close();
    }
  });
});
