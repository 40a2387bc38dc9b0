import { setTimeout as delay } from "node:timers/promises";
import {
  type CiJobDetail,
  type CiJobList,
  type CiJobListQuery,
  type CiJobRequest,
  type CloudJobPlan,
  isFinalState,
  planCloudJob,
} from "../../shared/cos/ci-jobs";
import type { CiJobsClient } from "../cos/ci-jobs";
import type { CosClient } from "../cos/client";

/** Enough to recommend a cloud job and show a sample; a bigger prefix is not listed to its end. */
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
}

/**
 * Cloud Infinite batch jobs for the app: start one, list recent ones from COS, cancel one,
 * and follow every job not yet finished — those it started and those a listing shows, so a
 * job started before an app restart is followed again as soon as the list is read.
 */
export class CloudJobs {
  readonly #following = new Map<string, AbortController>();
  readonly #pollMs: number;

  constructor(private readonly options: CloudJobsOptions) {
    this.#pollMs = options.pollMs ?? 3000;
  }

  /**
   * What a job would do: its inputs are listed up to `PLAN_LISTED_KEYS` (a prefix holding more is
   * reported as "at least"), each mapped to its output, overwrites and shared outputs flagged.
   */
  async plan(request: CiJobRequest, signal?: AbortSignal): Promise<CloudJobPlan> {
    const target = await this.options.target();
    if ("object" in request.input) return planCloudJob(target.bucket, [request.input.object], true, request);
    const keys: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await target.cos.listObjects({
        bucket: target.bucket,
        region: target.region,
        prefix: request.input.prefix,
        marker,
        signal,
      });
      keys.push(...page.contents.map((object) => object.key).filter((key) => !key.endsWith("/")));
      if (!page.isTruncated) return planCloudJob(target.bucket, keys, true, request);
      if (keys.length >= PLAN_LISTED_KEYS) return planCloudJob(target.bucket, keys, false, request);
      marker = page.nextMarker;
    }
  }

  async start(request: CiJobRequest, signal?: AbortSignal): Promise<CiJobDetail> {
    const target = await this.options.target();
    const job = await target.client.trigger({
      bucket: target.bucket,
      region: target.region,
      request,
      signal,
    });
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
    for (const job of list.jobs) this.#follow(target, job);
    return list;
  }

  async cancel(jobId: string, signal?: AbortSignal): Promise<void> {
    const target = await this.options.target();
    await target.client.cancel({ bucket: target.bucket, region: target.region, jobId, signal });
    const job = await target.client.get({ bucket: target.bucket, region: target.region, jobId, signal });
    if (job) this.options.emit(job);
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
  }
}
