import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { appendFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type CiJobDetail,
  type CiJobListQuery,
  type CiJobRequest,
  type CiJobState,
  isFinalState,
  jobOutputKey,
} from "../../shared/cos/ci-jobs";
import { parseObjectAddress, parseUrlList } from "../cos/ci-job-url-list";
import { writeFileAtomic } from "../fs-atomic";
import { CosFailure, toCosFailure } from "./failure";
import type { ImageContext } from "./image-context";
import { processStoredKey } from "./pic-operations";

/**
 * The Local bucket's batch jobs (docs/ci-batch-jobs.md): each object under a prefix, or named
 * by a URL list, goes through the same processing as `POST ?image_process`, a few at a time,
 * in the background.
 * A job lives in `<root>/<bucket>/ci-jobs/<jobId>/`: `job.json` (request, state, times),
 * `keys.json` (the keys it was accepted with: its own outputs, written under the same
 * prefix, are never inputs) and `done.log` (one line per finished key). A restart reads
 * them back and carries on from the first key not in `done.log`, so no object is processed
 * twice except one whose line was not yet written, and that one rewrites the same outputs.
 */

export interface CiJobHooks {
  /**
   * After a key's line is in `done.log`; `code` is set when it failed. The job's worker waits
   * for what it returns, or for the job to be stopped, so a caller can hold a job part-way (a
   * test cancelling a job that is still running, or restarting the app while it runs).
   */
  onObjectDone?: (jobId: string, key: string, code: string | undefined) => void | Promise<void>;
  /** When a job reaches Success, Failed or Cancel. */
  onJobFinished?: (jobId: string, state: CiJobState) => void;
}

export interface CiJobRunnerOptions extends CiJobHooks {
  /** Objects processed at once per job; the engine is CPU-bound, so a few is enough. */
  concurrency?: number;
  /** The bucket's clock in ms, for the times a job reports. */
  now?: () => number;
}

interface SavedJob {
  bucket: string;
  detail: CiJobDetail;
  /** For ordering: CI's times have second precision only. */
  createdMs: number;
}

interface LiveJob extends SavedJob {
  dir: string;
  total: number;
  finished: number;
  failed: number;
  firstFailure: { key: string; code: string; message: string } | undefined;
  abort: AbortController;
  running: Promise<void> | undefined;
  /** Writes of job.json, one after another, each of the state as it is when it runs. */
  saving: Promise<void>;
}

/** CI's `%Y-%m-%dT%H:%M:%S%z`, in UTC. */
export function ciTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+0000`;
}

/** A URL list bigger than this is refused; 64 MiB holds about half a million addresses. */
const URL_LIST_LIMIT = 64 * 1024 * 1024;

function invalidUrlFile(message: string): CosFailure {
  return new CosFailure(400, "InvalidArgument", message);
}

/**
 * The keys a URL list names. It must be an object here, and every line an object address of
 * the job's bucket; a listed key that does not exist is an input that fails, as on COS.
 */
async function urlListKeys(context: ImageContext, bucket: string, urlFile: string): Promise<string[]> {
  const address = parseObjectAddress(urlFile);
  const store = address && address.region === context.region ? context.stores.get(address.bucket) : undefined;
  const read = address && store ? await store.read(address.key, URL_LIST_LIMIT) : undefined;
  if (!address || read === undefined)
    throw invalidUrlFile(`The UrlFile ${urlFile} is not an object of a bucket served here.`);
  if (read === "too-large")
    throw invalidUrlFile(`The UrlFile ${urlFile} is larger than ${URL_LIST_LIMIT} bytes.`);
  const list = parseUrlList(read.data.toString("utf8"), bucket, context.region);
  if (list.ok) return list.keys;
  if (list.problem === "empty") throw invalidUrlFile(`The UrlFile ${urlFile} names no object.`);
  throw invalidUrlFile(
    list.problem === "another-bucket"
      ? `Line ${list.line} of the UrlFile names an object of another bucket than ${bucket}.`
      : `Line ${list.line} of the UrlFile is not an object address (https://<bucket>.cos.<region>.myqcloud.com/<key>).`,
  );
}

/** The keys a job reads, as of now. */
async function inputKeys(
  context: ImageContext,
  bucket: string,
  input: CiJobRequest["input"],
): Promise<string[]> {
  const store = context.stores.get(bucket);
  if (!store) return [];
  if ("urlFile" in input) return urlListKeys(context, bucket, input.urlFile);
  if ("object" in input) return store.get(input.object) ? [input.object] : [];
  return store.keys().filter((key) => key.startsWith(input.prefix) && !key.endsWith("/"));
}

/** The Pic-Operations header one object of the job is processed with. */
function picOperationsFor(request: CiJobRequest, key: string, jobId: string): string {
  return JSON.stringify({
    is_pic_info: request.isPicInfo ? 1 : 0,
    rules: [
      {
        bucket: request.output.bucket,
        fileid: `/${jobOutputKey(request.output.object, key, jobId)}`,
        rule: request.processRule,
      },
    ],
  });
}

export class CiJobRunner {
  readonly #jobs = new Map<string, LiveJob>();
  readonly #concurrency: number;
  readonly #now: () => number;

  private constructor(
    private readonly root: string,
    private readonly context: ImageContext,
    private readonly hooks: CiJobHooks,
    options: CiJobRunnerOptions,
  ) {
    this.#concurrency = options.concurrency ?? 4;
    this.#now = options.now ?? Date.now;
  }

  /** Loads every bucket's jobs and resumes those that had not finished. */
  static async open(
    root: string,
    context: ImageContext,
    options: CiJobRunnerOptions = {},
  ): Promise<CiJobRunner> {
    const runner = new CiJobRunner(root, context, options, options);
    for (const bucket of context.stores.keys()) {
      const folder = join(root, bucket, "ci-jobs");
      let ids: string[] = [];
      try {
        ids = await readdir(folder);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
      for (const id of ids) {
        const job = await runner.#load(join(folder, id));
        if (job) runner.#jobs.set(job.detail.jobId, job);
      }
    }
    for (const job of runner.#jobs.values()) {
      if (!isFinalState(job.detail.state)) runner.#start(job);
    }
    return runner;
  }

  async #load(dir: string): Promise<LiveJob | undefined> {
    let saved: SavedJob;
    let keys: string[];
    try {
      saved = JSON.parse(await readFile(join(dir, "job.json"), "utf8")) as SavedJob;
      keys = JSON.parse(await readFile(join(dir, "keys.json"), "utf8")) as string[];
    } catch {
      // A job whose files were never completed was never answered as accepted.
      return undefined;
    }
    const job: LiveJob = {
      ...saved,
      dir,
      total: keys.length,
      finished: 0,
      failed: 0,
      firstFailure: undefined,
      abort: new AbortController(),
      running: undefined,
      saving: Promise.resolve(),
    };
    for (const line of await readDoneLog(dir)) {
      job.finished += 1;
      if (line.code !== undefined) {
        job.failed += 1;
        job.firstFailure ??= { key: line.key, code: line.code, message: line.message ?? "" };
      }
    }
    return job;
  }

  /**
   * Accepts a job: its keys are fixed now (those under its prefix, or those its URL list
   * names), and it starts in the background. A URL list that cannot be read refuses the job.
   */
  async submit(bucket: string, request: CiJobRequest, nowMs: number): Promise<CiJobDetail> {
    const jobId = `b${randomBytes(16).toString("hex")}`;
    const dir = join(this.root, bucket, "ci-jobs", jobId);
    const keys = await inputKeys(this.context, bucket, request.input);
    const job: LiveJob = {
      bucket,
      createdMs: nowMs,
      detail: {
        jobId,
        name: request.name,
        state: "Submitted",
        code: "Success",
        message: "",
        creationTime: ciTime(nowMs),
        request,
      },
      dir,
      total: keys.length,
      finished: 0,
      failed: 0,
      firstFailure: undefined,
      abort: new AbortController(),
      running: undefined,
      saving: Promise.resolve(),
    };
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "done.log"), "");
    await writeFileAtomic(join(dir, "keys.json"), JSON.stringify(keys), 0o644);
    await this.#save(job);
    this.#jobs.set(jobId, job);
    this.#start(job);
    return this.#detail(job);
  }

  get(bucket: string, jobId: string): CiJobDetail | undefined {
    const job = this.#jobs.get(jobId);
    return job && job.bucket === bucket ? this.#detail(job) : undefined;
  }

  /** Pulling Jobs: `nextToken` is the offset of the next page. */
  list(bucket: string, query: CiJobListQuery): { jobs: CiJobDetail[]; nextToken: string | undefined } {
    const states = query.states && query.states.length > 0 ? new Set(query.states) : undefined;
    const matching = [...this.#jobs.values()]
      .filter((job) => job.bucket === bucket && (!states || states.has(job.detail.state)))
      .sort((a, b) => (query.orderByTime === "Asc" ? a.createdMs - b.createdMs : b.createdMs - a.createdMs));
    const offset = Number(query.nextToken ?? "0");
    const size = query.size ?? 10;
    const page = matching.slice(offset, offset + size).map((job) => this.#detail(job));
    return { jobs: page, nextToken: offset + size < matching.length ? String(offset + size) : undefined };
  }

  /** Stops a job that has not finished; false when there is no such job. */
  async cancel(bucket: string, jobId: string, nowMs: number): Promise<CiJobDetail | undefined> {
    const job = this.#jobs.get(jobId);
    if (!job || job.bucket !== bucket) return undefined;
    if (isFinalState(job.detail.state)) return this.#detail(job);
    job.detail = { ...job.detail, state: "Cancel", endTime: ciTime(nowMs) };
    job.abort.abort();
    await this.#save(job);
    await job.running;
    this.hooks.onJobFinished?.(jobId, "Cancel");
    return this.#detail(job);
  }

  /** Stops every job where it is, leaving it to resume when the bucket opens again. */
  async close(): Promise<void> {
    const running = [...this.#jobs.values()].filter((job) => job.running !== undefined);
    for (const job of running) job.abort.abort();
    await Promise.allSettled(running.map((job) => job.running));
  }

  #detail(job: LiveJob): CiJobDetail {
    const progress = job.total === 0 ? 100 : Math.floor((job.finished * 100) / job.total);
    return { ...job.detail, progress: job.detail.state === "Submitted" ? 0 : progress };
  }

  /** A Cancel saved while Running is being saved must not be overwritten by it. */
  #save(job: LiveJob): Promise<void> {
    job.saving = job.saving
      .catch(() => undefined)
      .then(() => {
        const saved: SavedJob = { bucket: job.bucket, detail: job.detail, createdMs: job.createdMs };
        return writeFileAtomic(join(job.dir, "job.json"), JSON.stringify(saved), 0o644);
      });
    return job.saving;
  }

  #start(job: LiveJob): void {
    job.running = this.#run(job).finally(() => {
      job.running = undefined;
    });
  }

  async #run(job: LiveJob): Promise<void> {
    const signal = job.abort.signal;
    const keys = JSON.parse(await readFile(join(job.dir, "keys.json"), "utf8")) as string[];
    const done = new Set((await readDoneLog(job.dir)).map((line) => line.key));
    const queue = keys.filter((key) => !done.has(key));
    if (job.detail.state === "Submitted") {
      job.detail = { ...job.detail, state: "Running", startTime: ciTime(this.#now()) };
      await this.#save(job);
    }
    const store = this.context.stores.get(job.bucket);
    let next = 0;
    // done.log lines are appended one after another, never interleaved.
    let journal = Promise.resolve();
    const worker = async (): Promise<void> => {
      while (!signal.aborted && next < queue.length && store) {
        const key = queue[next++] as string;
        let failure: { code: string; message: string } | undefined;
        try {
          const header = picOperationsFor(job.detail.request as CiJobRequest, key, job.detail.jobId);
          await processStoredKey(this.context, store, key, header, signal);
        } catch (error) {
          if (signal.aborted) return;
          const cos = toCosFailure(error);
          failure = { code: cos.code, message: cos.message };
        }
        const line = `${JSON.stringify({ key, ...failure })}\n`;
        journal = journal.then(() => appendFile(join(job.dir, "done.log"), line));
        await journal;
        job.finished += 1;
        if (failure) {
          job.failed += 1;
          job.firstFailure ??= { key, ...failure };
        }
        const held = this.hooks.onObjectDone?.(job.detail.jobId, key, failure?.code);
        // A held worker lets go when its job is cancelled or the bucket closes.
        if (held && !signal.aborted) await Promise.race([held, once(signal, "abort")]);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.#concurrency, queue.length)) }, worker));
    if (signal.aborted) return;
    const failure = job.firstFailure;
    job.detail = {
      ...job.detail,
      state: failure ? "Failed" : "Success",
      code: failure ? failure.code : "Success",
      message: failure
        ? `${job.failed} of ${job.total} objects failed; first ${failure.key}: ${failure.message}`
        : "",
      endTime: ciTime(this.#now()),
    };
    await this.#save(job);
    this.hooks.onJobFinished?.(job.detail.jobId, job.detail.state);
  }
}

interface DoneLine {
  key: string;
  code?: string;
  message?: string;
}

/** The finished keys; a last line cut short by a crash is not a finished key. */
async function readDoneLog(dir: string): Promise<DoneLine[]> {
  const text = await readFile(join(dir, "done.log"), "utf8").catch(() => "");
  const lines: DoneLine[] = [];
  for (const raw of text.split("\n")) {
    try {
      const line = JSON.parse(raw) as DoneLine;
      if (typeof line.key === "string") lines.push(line);
    } catch {
      // An empty or torn line.
    }
  }
  return lines;
}
