import { watch } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signRequest } from "../../../electron/cos/signature";
import { BUCKET, cosRequest, type Harness, SECRET_ID, SECRET_KEY, startHarness, xmlField } from "./harness";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.dispose();
});

describe("fault injection", () => {
  it("failNext answers the next N requests with the status and a COS error, then recovers", async () => {
    await cosRequest(h.bucket, { method: "PUT", key: "f.txt", body: "ok" });
    h.bucket.faults.failNext(2, 503);
    const first = await cosRequest(h.bucket, { key: "f.txt" });
    expect(first.status).toBe(503);
    expect(xmlField(first.text, "Code")).toBe("ServiceUnavailable");
    h.bucket.faults.failNext(1, 500, "InternalError");
    const custom = await cosRequest(h.bucket, { key: "f.txt" });
    expect(custom.status).toBe(500);
    expect(xmlField(custom.text, "Code")).toBe("InternalError");
    expect((await cosRequest(h.bucket, { key: "f.txt" })).text).toBe("ok");
  });

  it("fails before authentication: even an unsigned request sees the injected fault", async () => {
    h.bucket.faults.failNext(1, 429, "SlowDown");
    const answer = await cosRequest(h.bucket, { key: "f.txt", unsigned: true });
    expect(answer.status).toBe(429);
    expect(xmlField(answer.text, "Code")).toBe("SlowDown");
  });

  it("resetNext destroys the socket of the next N requests", async () => {
    await cosRequest(h.bucket, { method: "PUT", key: "r.txt", body: "ok" });
    h.bucket.faults.resetNext(2);
    await expect(cosRequest(h.bucket, { key: "r.txt" })).rejects.toThrow(/socket hang up|ECONNRESET/);
    await expect(cosRequest(h.bucket, { key: "r.txt" })).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await cosRequest(h.bucket, { key: "r.txt" })).text).toBe("ok");
  });

  it("says how many faults are still to come and which requests the spent ones struck", async () => {
    h.bucket.faults.clear();
    h.bucket.faults.resetNext(1);
    h.bucket.faults.failNext(1, 503);
    expect(h.bucket.faults.pending).toBe(2);
    await expect(cosRequest(h.bucket, { key: "one.txt" })).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await cosRequest(h.bucket, { key: "two.txt" })).status).toBe(503);
    expect((await cosRequest(h.bucket, { key: "three.txt" })).status).toBe(404);
    expect(h.bucket.faults.pending).toBe(0);
    expect(h.bucket.faults.struck.map((target) => target.split("?")[0])).toEqual([
      expect.stringMatching(/\/one\.txt$/),
      expect.stringMatching(/\/two\.txt$/),
    ]);
  });

  it("setLatency delays every answer, and clear() removes every fault", async () => {
    await cosRequest(h.bucket, { method: "PUT", key: "l.txt", body: "ok" });
    h.bucket.faults.setLatency(5_000);
    // The delay is long enough that a client giving up after 100 ms always gives up first.
    await expect(cosRequest(h.bucket, { key: "l.txt", signal: AbortSignal.timeout(100) })).rejects.toThrow();
    h.bucket.faults.setLatency(150);
    const started = performance.now();
    const delayed = await cosRequest(h.bucket, { key: "l.txt" });
    expect(delayed.text).toBe("ok");
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    h.bucket.faults.failNext(5, 500);
    h.bucket.faults.resetNext(5);
    h.bucket.faults.clear();
    expect((await cosRequest(h.bucket, { key: "l.txt" })).text).toBe("ok");
  });
});

describe("atomicity", () => {
  const objectsDir = () => join(h.root, BUCKET, "objects");

  it("a PUT cut off mid-body leaves no object, and nothing of it survives a restart", async () => {
    await cosRequest(h.bucket, { method: "PUT", key: "cut.bin", body: "previous version" });
    const total = 4 * 1024 * 1024;
    const now = Math.floor(Date.now() / 1000);
    const headers = {
      host: `127.0.0.1:${h.bucket.port}`,
      "content-length": String(total),
      authorization: signRequest({
        secretId: SECRET_ID,
        secretKey: SECRET_KEY,
        method: "PUT",
        path: "/cut.bin",
        headers: { "content-length": String(total) },
        startTime: now - 60,
        endTime: now + 900,
      }),
    };
    // Wait for the server to start writing the body (its temp file appears), then cut the connection.
    const tempAppeared = new Promise<void>((resolve) => {
      const watcher = watch(objectsDir(), (_event, name) => {
        if (name?.startsWith(".tmp-")) {
          watcher.close();
          resolve();
        }
      });
    });
    const req = httpRequest({
      host: "127.0.0.1",
      port: h.bucket.port,
      method: "PUT",
      path: `/${BUCKET}/cut.bin`,
      headers,
    });
    const failed = new Promise<void>((resolve) => req.on("error", () => resolve()));
    req.write(Buffer.alloc(1024 * 1024, 7));
    await tempAppeared;
    req.destroy();
    await failed;

    const after = await cosRequest(h.bucket, { key: "cut.bin" });
    expect(after.text).toBe("previous version");

    // A crash would leave temp files and unreferenced bodies behind: none may count after restart.
    await h.bucket.close();
    await writeFile(join(objectsDir(), ".tmp-crashed-upload"), Buffer.alloc(1000));
    await writeFile(join(objectsDir(), ".tmp-crashed-metadata.json"), '{"key":"ghost"}');
    await writeFile(join(objectsDir(), `${"0".repeat(64)}.deadbeef.body`), "orphan body");
    await h.restart();
    const list = await cosRequest(h.bucket, {});
    expect(list.text.match(/<Key>/g)?.length).toBe(1);
    expect(xmlField(list.text, "Key")).toBe("cut.bin");
    expect((await cosRequest(h.bucket, { key: "cut.bin" })).text).toBe("previous version");
    const files = await readdir(objectsDir());
    expect(files.filter((f) => f.startsWith(".tmp-") || f.startsWith("0000"))).toEqual([]);
    expect(files.length).toBe(2);
  });

  it("objects survive a restart with their bytes and headers", async () => {
    await cosRequest(h.bucket, {
      method: "PUT",
      key: "keep/me.txt",
      body: "persisted",
      headers: { "x-cos-meta-shoot": "spring" },
    });
    await h.restart();
    const get = await cosRequest(h.bucket, { key: "keep/me.txt" });
    expect(get.text).toBe("persisted");
    expect(get.headers["x-cos-meta-shoot"]).toBe("spring");
  });
});
