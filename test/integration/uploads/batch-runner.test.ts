import { createHash } from "node:crypto";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { CosError } from "../../../electron/cos/cos-error";
import type { ObjectMetadata } from "../../../electron/cos/object-headers";
import { type BatchClient, BatchRunner } from "../../../electron/uploads/batch-runner";
import { BatchJournal, type BatchRecord, replay } from "../../../electron/uploads/journal";
import type { BatchProgress } from "../../../shared/uploads/batch";

const BUCKET = "photos-1250000000";
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "picops-batch-"));
});

async function record(count: number, concurrency = 2): Promise<BatchRecord> {
  const items = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `f${i}.jpg`);
    await writeFile(file, `image bytes ${i}`);
    items.push({
      id: `item-${i}`,
      name: `f${i}.jpg`,
      path: file,
      size: `image bytes ${i}`.length,
      bucket: BUCKET,
      originalKey: `f${i}.jpg`,
      picOperations: { isPicInfo: false, rules: [{ rule: "imageMogr2/format/webp", fileid: `f${i}.webp` }] },
      resultKeys: [{ bucket: BUCKET, key: `f${i}.webp` }],
      overwritesOriginal: false,
    });
  }
  return {
    id: "batch-1",
    kind: "upload",
    connectionId: "local",
    createdAt: new Date().toISOString(),
    concurrency,
    put: {},
    items,
  };
}

/** A bucket in memory that answers like the COS client, and remembers every request. */
class FakeBucket implements BatchClient {
  objects = new Map<string, { etag: string; lastModified: string }>();
  puts: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  failNext = new Set<string>();
  /** While set, every upload is refused as temporary keys past their expiry are. */
  keysExpired = false;
  gate: Promise<void> | undefined;
  #waitingAtGate = 0;
  #gateWatchers: { count: number; resolve: () => void }[] = [];

  /** Resolves once `count` uploads are held at the gate. */
  waitingAtGate(count: number): Promise<void> {
    return new Promise((resolve) => {
      this.#gateWatchers.push({ count, resolve });
      this.#notifyGateWatchers();
    });
  }

  #notifyGateWatchers(): void {
    for (const watcher of this.#gateWatchers.filter((w) => this.#waitingAtGate >= w.count)) watcher.resolve();
  }

  putObject: BatchClient["putObject"] = async (input) => {
    this.puts.push(input.key);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (this.gate) {
        const signal = input.signal;
        this.#waitingAtGate += 1;
        this.#notifyGateWatchers();
        try {
          await Promise.race([
            this.gate,
            new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason))),
          ]);
        } finally {
          this.#waitingAtGate -= 1;
        }
      }
      input.signal?.throwIfAborted();
      if (this.keysExpired)
        throw new CosError({ code: "ExpiredToken", message: "The provided token has expired.", status: 400 });
      if (this.failNext.delete(input.key))
        throw new CosError({ code: "SlowDown", message: "Please reduce your request rate.", status: 503 });
      const bytes = await readFile((input.body as { file: string }).file);
      input.onProgress?.({ loaded: bytes.length, total: bytes.length });
      const etag = `"${createHash("md5").update(bytes).digest("hex")}"`;
      const now = new Date().toUTCString();
      this.objects.set(input.key, { etag, lastModified: now });
      for (const rule of input.picOperations?.rules ?? [])
        this.objects.set(rule.fileid, { etag: '"r"', lastModified: now });
      return { etag, requestId: "req", uploadResult: undefined };
    } finally {
      this.inFlight -= 1;
    }
  };

  processObject: BatchClient["processObject"] = async () => {
    throw new Error("not used");
  };

  headObject: BatchClient["headObject"] = async (input) => {
    const object = this.objects.get(input.key);
    if (!object)
      throw new CosError({ code: "NoSuchKey", message: "The specified key does not exist.", status: 404 });
    return { etag: object.etag, lastModified: object.lastModified } as ObjectMetadata;
  };
}

/** Runners whose progress events wake `until`, so a test waits for a state instead of polling. */
const progressWatchers = new Map<BatchRunner, (() => void)[]>();

function runner(batch: BatchRecord, client: FakeBucket, journal: BatchJournal, events: BatchProgress[] = []) {
  const run: BatchRunner = new BatchRunner(batch, {
    client,
    journal,
    onProgress: (p) => {
      events.push(p);
      for (const wake of progressWatchers.get(run) ?? []) wake();
    },
    progressIntervalMs: 1,
  });
  return run;
}

/** Resolves at the first progress event (or at once) after which `condition` holds. */
function until(run: BatchRunner, condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!condition()) return;
      progressWatchers.set(
        run,
        (progressWatchers.get(run) ?? []).filter((wake) => wake !== check),
      );
      resolve();
    };
    progressWatchers.set(run, [...(progressWatchers.get(run) ?? []), check]);
    check();
  });
}

describe("BatchRunner", () => {
  it("uploads every file at the set concurrency and journals each outcome", async () => {
    const batch = await record(7, 3);
    const journal = await BatchJournal.create(dir, batch);
    const bucket = new FakeBucket();
    const events: BatchProgress[] = [];
    const run = runner(batch, bucket, journal, events);
    run.start();
    await run.settled();
    expect(run.summary()).toMatchObject({ state: "finished", totals: { files: 7, done: 7, failed: 0 } });
    expect(bucket.maxInFlight).toBe(3);
    expect(bucket.puts.sort()).toEqual(batch.items.map((i) => i.originalKey).sort());
    expect(events.at(-1)?.batch.state).toBe("finished");
    // Every event is a later view than the one before, and the last is what a read now gives.
    const revisions = events.map((event) => event.batch.revision);
    expect(revisions).toEqual(revisions.map((_, index) => index + 1));
    expect(run.summary().revision).toBe(revisions.at(-1));
    const replayed = replay(await readFile(journal.file, "utf8"));
    expect(replayed?.finished).toBe(true);
    expect([...(replayed?.outcomes.values() ?? [])].every((o) => o.state === "done")).toBe(true);
  });

  it("sends the next file while COS processes one whose bytes are all sent, up to twice the concurrency", async () => {
    const batch = await record(7, 2);
    const bucket = new FakeBucket();
    let processing = 0;
    let mostProcessing = 0;
    let finishProcessing!: () => void;
    const processed = new Promise<void>((resolve) => {
      finishProcessing = resolve;
    });
    // Every upload sends its bytes, then waits for "processing" until the test lets it finish.
    bucket.putObject = async (input) => {
      const bytes = await readFile((input.body as { file: string }).file);
      input.onProgress?.({ loaded: bytes.length, total: bytes.length });
      processing += 1;
      mostProcessing = Math.max(mostProcessing, processing);
      if (processing === 4) finishProcessing();
      await processed;
      processing -= 1;
      return { etag: '"e"', requestId: "req", uploadResult: undefined };
    };
    const run = runner(batch, bucket, await BatchJournal.create(dir, batch));
    run.start();
    await processed;
    expect(run.detail().items.filter((item) => item.state === "uploading")).toHaveLength(4);
    await run.settled();
    expect(mostProcessing).toBe(4);
    expect(run.summary().totals).toMatchObject({ done: 7, failed: 0 });
  });

  it("keeps a failed file's COS error and uploads it on retry", async () => {
    const batch = await record(3);
    const bucket = new FakeBucket();
    bucket.failNext.add("f1.jpg");
    const run = runner(batch, bucket, await BatchJournal.create(dir, batch));
    run.start();
    await run.settled();
    const failed = run.detail().items.find((i) => i.id === "item-1");
    expect(failed).toMatchObject({ state: "failed", error: { code: "SlowDown", status: 503 } });
    run.retry(["item-1"]);
    await until(run, () => run.state === "finished");
    expect(run.summary().totals).toMatchObject({ done: 3, failed: 0 });
  });

  it("pauses itself when the keys are refused, and finishes on retry once they are renewed", async () => {
    const batch = await record(6, 2);
    const bucket = new FakeBucket();
    bucket.keysExpired = true;
    const run = runner(batch, bucket, await BatchJournal.create(dir, batch));
    run.start();
    await until(
      run,
      () => run.state === "paused" && run.detail().items.every((i) => i.state !== "uploading"),
    );
    const items = run.detail().items;
    const failed = items.filter((i) => i.state === "failed");
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed.length).toBeLessThanOrEqual(2);
    expect(failed.every((i) => i.error?.code === "ExpiredToken")).toBe(true);
    expect(items.filter((i) => i.state === "queued").length).toBe(6 - failed.length);
    bucket.keysExpired = false;
    run.retry();
    await run.settled();
    expect(run.summary().totals).toMatchObject({ done: 6, failed: 0 });
    expect(new Set(bucket.puts).size).toBe(6);
  });

  it("pauses by putting in-flight uploads back in the queue, and resumes", async () => {
    const batch = await record(4, 2);
    const bucket = new FakeBucket();
    let open: () => void = () => {};
    bucket.gate = new Promise((resolve) => {
      open = resolve;
    });
    const run = runner(batch, bucket, await BatchJournal.create(dir, batch));
    run.start();
    await bucket.waitingAtGate(2);
    run.pause();
    await until(run, () => run.detail().items.every((i) => i.state === "queued"));
    expect(run.detail().items.map((i) => i.state)).toEqual(["queued", "queued", "queued", "queued"]);
    bucket.gate = undefined;
    open();
    run.start();
    await run.settled();
    expect(run.summary().totals.done).toBe(4);
  });

  it("cancels one file without sending it", async () => {
    const batch = await record(3, 1);
    const bucket = new FakeBucket();
    const run = runner(batch, bucket, await BatchJournal.create(dir, batch));
    run.start();
    run.cancel(["item-2"]);
    await run.settled();
    expect(run.summary().totals).toMatchObject({ done: 2, cancelled: 1 });
    expect(bucket.puts).not.toContain("f2.jpg");
  });

  it("after a crash, finishes the batch without sending complete files again", async () => {
    const batch = await record(4);
    const journal = await BatchJournal.create(dir, batch);
    // Before the crash: f0 done and journaled; f1 sent and complete in the bucket, but its
    // "done" line never written; f2 started but never reached the bucket; f3 never started.
    await journal.append({ t: "start", id: "item-0" });
    await journal.append({ t: "done", id: "item-0" });
    await journal.append({ t: "start", id: "item-1" });
    await journal.append({ t: "start", id: "item-2" });
    // The last line was cut in half, as a crash mid-write leaves it.
    await writeFile(journal.file, `${await readFile(journal.file, "utf8")}{"t":"done","id":"ite`);

    const bucket = new FakeBucket();
    const now = new Date().toUTCString();
    for (const i of [0, 1]) {
      const etag = `"${createHash("md5").update(`image bytes ${i}`).digest("hex")}"`;
      bucket.objects.set(`f${i}.jpg`, { etag, lastModified: now });
      bucket.objects.set(`f${i}.webp`, { etag: '"r"', lastModified: now });
    }
    const replayed = replay(await readFile(journal.file, "utf8"));
    const resumed = new BatchRunner(
      batch,
      { client: bucket, journal, onProgress: () => {}, progressIntervalMs: 1 },
      replayed?.outcomes,
      replayed,
    );
    expect(resumed.state).toBe("interrupted");
    expect(resumed.summary().totals.done).toBe(1);
    resumed.start();
    await resumed.settled();
    expect(bucket.puts.sort()).toEqual(["f2.jpg", "f3.jpg"]);
    const items = resumed.detail().items;
    expect(items.map((i) => i.state)).toEqual(["done", "done", "done", "done"]);
    expect(items[1]?.recovered).toBe(true);
  });

  it("after a crash, sends again a file whose copy in the bucket is not this file", async () => {
    const batch = await record(1);
    const journal = await BatchJournal.create(dir, batch);
    await journal.append({ t: "start", id: "item-0" });
    const bucket = new FakeBucket();
    bucket.objects.set("f0.jpg", { etag: '"an older upload"', lastModified: new Date().toUTCString() });
    bucket.objects.set("f0.webp", { etag: '"r"', lastModified: new Date().toUTCString() });
    const replayed = replay(await readFile(journal.file, "utf8"));
    const resumed = new BatchRunner(
      batch,
      { client: bucket, journal, onProgress: () => {} },
      replayed?.outcomes,
    );
    resumed.start();
    await resumed.settled();
    expect(bucket.puts).toEqual(["f0.jpg"]);
  });
});
