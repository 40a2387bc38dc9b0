import { randomBytes } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import {
  type CiJobDetail,
  type CiJobList,
  type CiJobListQuery,
  type CiJobRequest,
  type CloudJobPlan,
  type CloudJobRequest,
  isFinalState,
  planCloudJob,
} from "../../shared/cos/ci-jobs";
import { PicopsError } from "../../shared/errors";
import { objectAddress, parseObjectAddress, URL_LIST_PREFIX, urlListText } from "../cos/ci-job-url-list";
import type { CiJobsClient } from "../cos/ci-jobs";
import type { CosClient } from "../cos/client";
import { DEFAULT_ESTIMATE_LIMITS, type EstimateLimits, estimatePrefixCount } from "./count-estimate";

/** Enough to recommend a cloud job and show a sample; a bigger prefix is estimated, not listed to its end. */
const PLAN_LISTED_KEYS = 10_000;

/** Where jobs run: the active connection's default bucket and its batch-job client. */
export interface JobTarget {
  client: CiJobsClient;
  /** The bucket's objects, for plans. */
  cos: CosClient;
  bucket: string;
  region: string;
}

export interface CloudJobsOptions {
  target: () => Promise<JobTarget>;
  /** Each change of a followed job's state or progress. */
  emit: (job: CiJobDetail) => void;
  /** How often a running job is asked for; CI pushes nothing without a callback URL. */
  pollMs?: number;
  /** Keys a plan lists before it estimates instead; tests make it small, the app keeps 10,000. */
  planListedKeys?: number;
  estimateLimits?: EstimateLimits;
}

/**
 * Cloud Infinite batch jobs for the app: start one, list recent ones from COS, cancel one,
 * and follow every job not yet finished — those it started and those a listing shows, so a
 * job started before an app restart is followed again as soon as the list is read.
 */
export class CloudJobs {
  readonly #following = new Map<string, AbortController>();
  /** URL lists removed this session, so a listing does not remove them again. */
  readonly #removedLists = new Set<string>();
  readonly #pollMs: number;
  readonly #planListedKeys: number;

  constructor(private readonly options: CloudJobsOptions) {
    this.#pollMs = options.pollMs ?? 3000;
    this.#planListedKeys = options.planListedKeys ?? PLAN_LISTED_KEYS;
  }

  /**
   * What a job would do: its inputs (a selection, or a prefix listed up to `planListedKeys`, past
   * which the count is estimated), each mapped to its output, overwrites and shared outputs flagged.
   */
  async plan(request: CloudJobRequest, signal?: AbortSignal): Promise<CloudJobPlan> {
    const target = await this.options.target();
    const { input } = request;
    if ("object" in input) return planCloudJob(target.bucket, [input.object], true, request);
    if ("urlFile" in input) throw new PicopsError("invalid-input", "ci-job-request-invalid");
    if ("keys" in input) {
      // Relative outputs land beside their inputs: the selection's folder is where they could overwrite.
      const keys = selectedObjects(input.keys);
      const folder = commonFolder(keys);
      const { keys: existing } = await this.#listPrefix(target, folder, signal);
      return planCloudJob(target.bucket, keys, true, request, [...existing, ...keys]);
    }
    const { keys, complete } = await this.#listPrefix(target, input.prefix, signal);
    const plan = planCloudJob(target.bucket, keys, complete, request);
    if (complete) return plan;
    const listing = {
      cos: target.cos,
      bucket: target.bucket,
      region: target.region,
      prefix: input.prefix,
      signal,
    };
    const estimate = await estimatePrefixCount(
      listing,
      keys,
      this.options.estimateLimits ?? DEFAULT_ESTIMATE_LIMITS,
    );
    return estimate ? { ...plan, estimate } : plan;
  }

  /** The keys under a prefix, up to `planListedKeys` (then `complete` is false). */
  async #listPrefix(
    target: JobTarget,
    prefix: string,
    signal: AbortSignal | undefined,
  ): Promise<{ keys: string[]; complete: boolean }> {
    const keys: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await target.cos.listObjects({
        bucket: target.bucket,
        region: target.region,
        prefix,
        marker,
        maxKeys: Math.min(1000, this.#planListedKeys - keys.length),
        signal,
      });
      keys.push(...page.contents.map((object) => object.key).filter((key) => !key.endsWith("/")));
      if (!page.isTruncated) return { keys, complete: true };
      if (keys.length >= this.#planListedKeys) return { keys, complete: false };
      marker = page.nextMarker;
    }
  }

  /**
   * Starts a job. A selection is written as a URL list under `.picops/job-inputs/` in the
   * bucket, which CI reads as the job's `UrlFile`; the list is removed once the job is seen
   * finished (CI's pages do not say when it reads the list, so not before), or at once if
   * the job could not be started.
   */
  async start(request: CloudJobRequest, signal?: AbortSignal): Promise<CiJobDetail> {
    const target = await this.options.target();
    const { input } = request;
    let listKey: string | undefined;
    let ciRequest: CiJobRequest;
    if ("keys" in input) {
      listKey = `${URL_LIST_PREFIX}${request.name}-${randomBytes(4).toString("hex")}.txt`;
      await target.cos.putObject({
        bucket: target.bucket,
        region: target.region,
        key: listKey,
        body: Buffer.from(urlListText(target.bucket, target.region, selectedObjects(input.keys))),
        options: { contentType: "text/plain; charset=utf-8" },
        signal,
      });
      ciRequest = { ...request, input: { urlFile: objectAddress(target.bucket, target.region, listKey) } };
    } else {
      ciRequest = { ...request, input };
    }
    let job: CiJobDetail;
    try {
      job = await target.client.trigger({
        bucket: target.bucket,
        region: target.region,
        request: ciRequest,
        signal,
      });
    } catch (error) {
      if (listKey !== undefined)
        await target.cos
          .deleteObject({ bucket: target.bucket, region: target.region, key: listKey })
          .catch(() => undefined);
      throw error;
    }
    this.#follow(target, job);
    return job;
  }

  async list(query: CiJobListQuery | undefined, signal?: AbortSignal): Promise<CiJobList> {
    const target = await this.options.target();
    const list = await target.client.list({
      bucket: target.bucket,
      region: target.region,
      signal,
      ...(query ? { query } : {}),
    });
    for (const job of list.jobs) {
      this.#follow(target, job);
      this.#removeUrlList(target, job);
    }
    return list;
  }

  async cancel(jobId: string, signal?: AbortSignal): Promise<void> {
    const target = await this.options.target();
    await target.client.cancel({ bucket: target.bucket, region: target.region, jobId, signal });
    const job = await target.client.get({ bucket: target.bucket, region: target.region, jobId, signal });
    if (job) {
      this.options.emit(job);
      this.#removeUrlList(target, job);
    }
  }

  /** Stops following; the jobs themselves run on in the cloud. */
  close(): void {
    for (const follower of this.#following.values()) follower.abort();
    this.#following.clear();
  }

  #follow(target: JobTarget, job: CiJobDetail): void {
    if (isFinalState(job.state) || this.#following.has(job.jobId)) return;
    const follower = new AbortController();
    this.#following.set(job.jobId, follower);
    void this.#poll(target, job, follower.signal)
      .catch(() => undefined)
      .finally(() => {
        if (this.#following.get(job.jobId) === follower) this.#following.delete(job.jobId);
      });
  }

  async #poll(target: JobTarget, first: CiJobDetail, signal: AbortSignal): Promise<void> {
    let last = first;
    while (!isFinalState(last.state)) {
      await delay(this.#pollMs, undefined, { signal });
      const job = await target.client.get({
        bucket: target.bucket,
        region: target.region,
        jobId: last.jobId,
        signal,
      });
      if (!job) return;
      if (job.state !== last.state || job.progress !== last.progress) this.options.emit(job);
      last = job;
    }
    this.#removeUrlList(target, last);
  }

  /** A finished job's URL list, if Picops wrote it, is no longer needed. */
  #removeUrlList(target: JobTarget, job: CiJobDetail): void {
    const input = job.request?.input;
    if (!isFinalState(job.state) || !input || !("urlFile" in input)) return;
    const address = parseObjectAddress(input.urlFile);
    if (
      !address ||
      address.bucket !== target.bucket ||
      !address.key.startsWith(URL_LIST_PREFIX) ||
      this.#removedLists.has(input.urlFile)
    )
      return;
    this.#removedLists.add(input.urlFile);
    void target.cos
      .deleteObject({ bucket: target.bucket, region: target.region, key: address.key })
      .catch(() => this.#removedLists.delete(input.urlFile));
  }
}

/** The objects of a selection, each once: a folder marker (`photos/`) is not an input. */
function selectedObjects(keys: readonly string[]): string[] {
  return [...new Set(keys)].filter((key) => !key.endsWith("/"));
}

/** The folder every key is in (`a/b/` for `a/b/1.jpg` and `a/b/c/2.jpg`), `""` for the bucket root. */
export function commonFolder(keys: readonly string[]): string {
  const first = keys[0] ?? "";
  let folder = first.slice(0, first.lastIndexOf("/") + 1);
  for (const key of keys) {
    while (!key.startsWith(folder)) folder = folder.slice(0, folder.lastIndexOf("/", folder.length - 2) + 1);
  }
  return folder;
}
