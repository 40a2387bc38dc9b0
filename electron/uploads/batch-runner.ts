import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { UploadResult } from "../../shared/cos/image-info";
import { type AppError, isKeyRefusal, PicopsError, ThrownAppError } from "../../shared/errors";
import type {
  BatchDetail,
  BatchProgress,
  BatchState,
  BatchSummary,
  UploadItem,
} from "../../shared/uploads/batch";
import type { CosClient } from "../cos/client";
import type { BatchJournal, BatchRecord, ItemOutcome, JournalItem } from "./journal";

/** The part of the COS client a batch needs. */
export type BatchClient = Pick<CosClient, "putObject" | "processObject" | "headObject">;

/** Objects written before the batch started (less this margin for clock skew) do not count as its work. */
const CLOCK_MARGIN_MS = 5 * 60 * 1000;

export interface BatchRunnerDeps {
  client: BatchClient;
  journal: BatchJournal;
  /** Called with the batch summary and the items that changed, at most every `progressIntervalMs`. */
  onProgress(progress: BatchProgress): void;
  progressIntervalMs?: number;
  now?: () => number;
}

interface LiveItem {
  spec: JournalItem;
  view: UploadItem;
  controller?: AbortController;
  /** Set after a restart: check the bucket before sending again. */
  verifyFirst: boolean;
}

/**
 * Runs one batch — uploads with Pic-Operations, or processing of objects already in the
 * bucket — at a fixed concurrency, with byte progress, pause, resume, cancel and retry,
 * every step journaled. After a crash, a new runner built from the journal finishes the
 * batch: items not known to be done are first looked up in the bucket, so nothing is
 * missing and nothing complete is sent twice.
 */
export class BatchRunner {
  readonly #record: BatchRecord;
  readonly #deps: BatchRunnerDeps;
  readonly #items: LiveItem[];
  #state: BatchState;
  #changed = new Set<LiveItem>();
  #flushTimer: NodeJS.Timeout | undefined;
  #revision = 0;
  /** Items started and not yet answered. */
  #active = 0;
  /** Of those, items whose bytes are still going out: what `concurrency` limits. */
  #sending = 0;
  #rate: { since: number; bytes: number } | undefined;
  #settled: Promise<void>;
  #resolveSettled: () => void = () => {};

  constructor(
    record: BatchRecord,
    deps: BatchRunnerDeps,
    outcomes?: Map<string, ItemOutcome>,
    replayed: { finished: boolean; paused: boolean } = { finished: false, paused: false },
  ) {
    this.#record = record;
    this.#deps = deps;
    this.#items = record.items.map((spec) => {
      const outcome = outcomes?.get(spec.id);
      const view: UploadItem = {
        id: spec.id,
        name: spec.name,
        bucket: spec.bucket,
        originalKey: spec.originalKey,
        resultKeys: spec.resultKeys,
        size: spec.size,
        state: "queued",
        loaded: 0,
      };
      if (outcome?.state === "done") {
        Object.assign(view, { state: "done", loaded: spec.size });
        if (outcome.etag) view.etag = outcome.etag;
        if (outcome.result) view.result = outcome.result;
        if (outcome.recovered) view.recovered = true;
      } else if (outcome?.state === "failed" && outcome.error) {
        Object.assign(view, { state: "failed", error: outcome.error });
      } else if (outcome?.state === "cancelled") {
        view.state = "cancelled";
      }
      // Anything not known to be finished might have reached the bucket before the crash.
      return { spec, view, verifyFirst: outcomes !== undefined && view.state === "queued" };
    });
    this.#state = !outcomes
      ? "paused"
      : replayed.finished
        ? "finished"
        : replayed.paused
          ? "paused"
          : "interrupted";
    this.#settled = new Promise((resolve) => {
      this.#resolveSettled = resolve;
    });
  }

  get id(): string {
    return this.#record.id;
  }

  get state(): BatchState {
    return this.#state;
  }

  /** Starts, or resumes after a pause or a restart. */
  start(): void {
    if (this.#state === "running") return;
    if (this.#state === "paused") void this.#deps.journal.append({ t: "resume" });
    this.#state = "running";
    this.#rate = undefined;
    this.#emitSoon();
    this.#pump();
  }

  /** Stops sending: uploads in flight are abandoned and go back to the queue. */
  pause(): void {
    if (this.#state !== "running") return;
    this.#state = "paused";
    void this.#deps.journal.append({ t: "pause" });
    for (const item of this.#items) {
      if (item.view.state === "uploading") item.controller?.abort(new PicopsError("paused", "paused"));
    }
    this.#emitSoon();
  }

  cancel(ids?: string[]): void {
    for (const item of this.#select(ids)) {
      if (item.view.state !== "queued" && item.view.state !== "uploading") continue;
      item.controller?.abort(new PicopsError("cancelled", "cancelled"));
      this.#update(item, { state: "cancelled", loaded: 0 });
      void this.#deps.journal.append({ t: "cancel", id: item.spec.id });
    }
    this.#finishIfDone();
  }

  retry(ids?: string[]): void {
    for (const item of this.#select(ids)) {
      if (item.view.state !== "failed" && item.view.state !== "cancelled") continue;
      const { error: _error, ...rest } = item.view;
      item.view = { ...rest, state: "queued", loaded: 0 };
      this.#changed.add(item);
      void this.#deps.journal.append({ t: "retry", id: item.spec.id });
    }
    if (this.#state === "finished") this.#state = "paused";
    this.start();
  }

  /** Files this batch may still read: those of items not done (failed and cancelled ones can be retried). */
  filesStillNeeded(): string[] {
    return this.#items.flatMap((item) =>
      item.view.state !== "done" && item.spec.path ? [item.spec.path] : [],
    );
  }

  /** Deletes the journal once its last lines are written: the batch leaves the history for good. */
  removeJournal(): Promise<void> {
    return this.#deps.journal.remove();
  }

  /** Resolves once what the batch has journaled so far is on disk. */
  journalWritten(): Promise<void> {
    return this.#deps.journal.written();
  }

  /** Resolves when every item is done, failed or cancelled. */
  settled(): Promise<void> {
    return this.#settled;
  }

  summary(): BatchSummary {
    const totals = {
      files: this.#items.length,
      done: 0,
      failed: 0,
      cancelled: 0,
      bytesTotal: 0,
      bytesDone: 0,
    };
    for (const { view } of this.#items) {
      if (view.state === "cancelled") {
        totals.cancelled += 1;
        continue;
      }
      totals.bytesTotal += view.size;
      if (view.state === "done") totals.done += 1;
      if (view.state === "failed") totals.failed += 1;
      totals.bytesDone += view.state === "done" ? view.size : view.loaded;
    }
    const summary: BatchSummary = {
      id: this.#record.id,
      kind: this.#record.kind,
      connectionId: this.#record.connectionId,
      createdAt: this.#record.createdAt,
      state: this.#state,
      revision: this.#revision,
      concurrency: this.#record.concurrency,
      totals,
    };
    const eta = this.#eta(totals.bytesTotal - totals.bytesDone);
    if (eta !== undefined) summary.etaSeconds = eta;
    return summary;
  }

  detail(): BatchDetail {
    return { ...this.summary(), items: this.#items.map((item) => item.view) };
  }

  #select(ids?: string[]): LiveItem[] {
    if (!ids) return this.#items;
    const wanted = new Set(ids);
    return this.#items.filter((item) => wanted.has(item.spec.id));
  }

  /**
   * Starts queued items while fewer than `concurrency` are sending. An item whose bytes are
   * all sent gives up its place while COS processes it, so the link keeps carrying the next
   * file instead of idling through every item's processing; at most as many again wait for
   * their answers, so a bucket that processes slower than the link delivers is not flooded.
   */
  #pump(): void {
    const { concurrency } = this.#record;
    while (this.#state === "running" && this.#sending < concurrency && this.#active < 2 * concurrency) {
      const next = this.#items.find((item) => item.view.state === "queued");
      if (!next) break;
      this.#active += 1;
      this.#sending += 1;
      let sending = true;
      const sent = () => {
        if (!sending) return;
        sending = false;
        this.#sending -= 1;
      };
      this.#update(next, { state: "uploading", loaded: 0 });
      void this.#run(next, () => {
        // Called from inside the upload's progress: the next item starts once that returns.
        queueMicrotask(() => {
          if (!sending) return;
          sent();
          this.#pump();
        });
      }).finally(() => {
        sent();
        this.#active -= 1;
        this.#finishIfDone();
        this.#pump();
      });
    }
  }

  async #run(item: LiveItem, onSent: () => void): Promise<void> {
    const controller = new AbortController();
    item.controller = controller;
    const { spec } = item;
    try {
      if (item.verifyFirst && (await this.#alreadyInBucket(spec, controller.signal))) {
        await this.#deps.journal.append({ t: "done", id: spec.id, recovered: true });
        this.#update(item, { state: "done", loaded: spec.size, recovered: true });
        return;
      }
      await this.#deps.journal.append({ t: "start", id: spec.id });
      const answer = await this.#send(item, controller.signal, onSent);
      await this.#deps.journal.append({ t: "done", id: spec.id, ...answer });
      this.#update(item, { state: "done", loaded: spec.size, ...answer });
    } catch (error) {
      if (controller.signal.aborted) {
        // Paused: back in the queue. Cancelled: cancel() already recorded it.
        if (item.view.state === "uploading") this.#update(item, { state: "queued", loaded: 0 });
        return;
      }
      const appError = toAppError(error);
      await this.#deps.journal.append({ t: "fail", id: spec.id, error: appError });
      this.#update(item, { state: "failed", loaded: 0, error: appError });
      // The rest wait in the queue instead of failing one by one; retry resumes them all.
      if (isKeyRefusal(appError)) this.pause();
    } finally {
      item.verifyFirst = false;
      item.controller = undefined;
    }
  }

  /** One attempt at the item's request: PUT of the file, or POST ?image_process of the object. */
  async #send(
    item: LiveItem,
    signal: AbortSignal,
    onSent: () => void,
  ): Promise<{ etag?: string; result?: UploadResult }> {
    const { spec } = item;
    if (this.#record.kind === "process") {
      if (!spec.picOperations) throw new PicopsError("invalid-plan", "plan-needs-rule");
      const result = await this.#deps.client.processObject({
        bucket: spec.bucket,
        key: spec.originalKey,
        picOperations: spec.picOperations,
        signal,
      });
      return { result };
    }
    if (!spec.path) throw new PicopsError("invalid-plan", "upload-without-file");
    const answer = await this.#deps.client.putObject({
      bucket: spec.bucket,
      key: spec.originalKey,
      body: { file: spec.path },
      options: this.#record.put,
      picOperations: spec.picOperations,
      signal,
      onProgress: ({ loaded, total }) => {
        this.#update(item, { loaded });
        if (loaded === total) onSent();
      },
    });
    return answer.uploadResult ? { etag: answer.etag, result: answer.uploadResult } : { etag: answer.etag };
  }

  /**
   * True when the item's work is already in the bucket: every result written since the
   * batch began and, for uploads, the original with this file's bytes.
   */
  async #alreadyInBucket(spec: JournalItem, signal: AbortSignal): Promise<boolean> {
    const exists = async (bucket: string, key: string) => {
      try {
        return await this.#deps.client.headObject({ bucket, key, signal });
      } catch (error) {
        if ((error as { status?: number }).status === 404) return undefined;
        throw error;
      }
    };
    const since = Date.parse(this.#record.createdAt) - CLOCK_MARGIN_MS;
    const writtenSince = (metadata: { lastModified: string | undefined } | undefined) =>
      metadata !== undefined && Date.parse(metadata.lastModified ?? "") >= since;
    if (this.#record.kind === "upload") {
      const original = await exists(spec.bucket, spec.originalKey);
      if (!original || !spec.path) return false;
      if (!spec.overwritesOriginal && original.etag !== `"${await md5Hex(spec.path, signal)}"`) return false;
    }
    for (const result of spec.resultKeys) {
      if (!writtenSince(await exists(result.bucket, result.key))) return false;
    }
    return true;
  }

  #update(item: LiveItem, patch: Partial<UploadItem>): void {
    const before = item.view.state === "done" ? item.view.size : item.view.loaded;
    item.view = { ...item.view, ...patch };
    const after = item.view.state === "done" ? item.view.size : item.view.loaded;
    this.#trackRate(after - before);
    this.#changed.add(item);
    this.#emitSoon();
  }

  #trackRate(bytes: number): void {
    const now = (this.#deps.now ?? Date.now)();
    if (!this.#rate) this.#rate = { since: now, bytes: 0 };
    if (bytes > 0) this.#rate.bytes += bytes;
  }

  #eta(remaining: number): number | undefined {
    if (this.#state !== "running" || !this.#rate || remaining <= 0) return undefined;
    const elapsed = ((this.#deps.now ?? Date.now)() - this.#rate.since) / 1000;
    if (elapsed < 1 || this.#rate.bytes === 0) return undefined;
    return Math.round(remaining / (this.#rate.bytes / elapsed));
  }

  #finishIfDone(): void {
    const open = this.#items.some((item) => item.view.state === "queued" || item.view.state === "uploading");
    if (open || this.#state === "finished") return;
    this.#state = "finished";
    void this.#deps.journal.append({ t: "finish" });
    this.#flush();
    this.#resolveSettled();
  }

  #emitSoon(): void {
    if (this.#flushTimer) return;
    this.#flushTimer = setTimeout(() => this.#flush(), this.#deps.progressIntervalMs ?? 150);
  }

  #flush(): void {
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    const items = [...this.#changed].map((item) => item.view);
    this.#changed.clear();
    this.#revision += 1;
    this.#deps.onProgress({ batch: this.summary(), items });
  }
}

function toAppError(error: unknown): AppError {
  if (error instanceof ThrownAppError) return error.toAppError();
  return { code: "internal", message: (error as Error)?.message ?? String(error) };
}

async function md5Hex(file: string, signal: AbortSignal): Promise<string> {
  const hash = createHash("md5");
  for await (const chunk of createReadStream(file, { signal })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
