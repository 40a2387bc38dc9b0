import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { urlListText } from "../../../electron/cos/ci-job-url-list";
import { CiJobsClient } from "../../../electron/cos/ci-jobs";
import { CosClient } from "../../../electron/cos/client";
import type { CiJobRunnerOptions } from "../../../electron/local-bucket/ci-job-runner";
import {
  type LocalBucket,
  type LocalBucketOptions,
  startLocalBucket,
} from "../../../electron/local-bucket/index";
import type { CiJobRequest, CiJobState } from "../../../shared/cos/ci-jobs";

const BUCKET = "photos-1250000000";
const REGION = "ap-guangzhou";
const CREDENTIALS = { secretId: "AKIDciJobsTest", secretKey: "ciJobsTestSecretKey" };

/** A Local bucket whose job hooks a test can wait on, restartable on the same folder and port. */
interface JobsHarness {
  bucket: LocalBucket;
  cos: CosClient;
  jobs: CiJobsClient;
  /** Every key recorded as done, in order, across restarts. */
  done: string[];
  finished: Map<string, CiJobState>;
  /** Resolves once `done` holds `count` keys. */
  doneCount(count: number): Promise<void>;
  jobFinished(jobId: string): Promise<CiJobState>;
  restart(): Promise<void>;
}

let root: string;
let harness: JobsHarness;

async function startJobsHarness(concurrency: number): Promise<JobsHarness> {
  const done: string[] = [];
  const finished = new Map<string, CiJobState>();
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  const until = (condition: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (condition() ? resolve() : waiters.push(check));
      check();
    });
  const ciJobs: CiJobRunnerOptions = {
    concurrency,
    onObjectDone: (_jobId, key) => {
      done.push(key);
      wake();
    },
    onJobFinished: (jobId, state) => {
      finished.set(jobId, state);
      wake();
    },
  };
  const options: LocalBucketOptions = {
    root,
    region: REGION,
    buckets: [BUCKET],
    credentials: [CREDENTIALS],
    ciJobs,
  };
  const bucket = await startLocalBucket(options);
  const clientOptions = {
    credentials: CREDENTIALS,
    region: REGION,
    endpoint: { kind: "path-style" as const, baseUrl: bucket.url },
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  };
  const h: JobsHarness = {
    bucket,
    cos: new CosClient(clientOptions),
    jobs: new CiJobsClient(clientOptions),
    done,
    finished,
    doneCount: (count) => until(() => done.length >= count),
    jobFinished: async (jobId) => {
      await until(() => finished.has(jobId));
      return finished.get(jobId) as CiJobState;
    },
    async restart() {
      await h.bucket.close();
      h.bucket = await startLocalBucket({ ...options, port: h.bucket.port });
    },
  };
  return h;
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "picops-ci-jobs-"));
});

afterEach(async () => {
  await harness.cos.close();
  await harness.jobs.close();
  await harness.bucket.close();
  await rm(root, { recursive: true, force: true });
});

async function uploadImages(count: number): Promise<string[]> {
  const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c87828" } })
    .png()
    .toBuffer();
  const keys = Array.from({ length: count }, (_, i) => `photos/p${String(i).padStart(4, "0")}.png`);
  for (let i = 0; i < keys.length; i += 16) {
    await Promise.all(
      keys.slice(i, i + 16).map((key) => harness.cos.putObject({ bucket: BUCKET, key, body: image })),
    );
  }
  return keys;
}

async function keysUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await harness.cos.listObjects({ bucket: BUCKET, prefix, marker });
    keys.push(...page.contents.map((object) => object.key));
    if (!page.isTruncated) return keys;
    marker = page.nextMarker;
  }
}

// Outputs go under the job's own prefix: the job must not take them as inputs.
const THUMBS: CiJobRequest = {
  name: "thumbs",
  input: { prefix: "photos/" },
  processRule: "imageMogr2/thumbnail/!50p",
  isPicInfo: false,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
  output: { region: REGION, bucket: BUCKET, object: "photos/thumbs/${InputName}_half.${ext}" },
};

const thumbOf = (key: string) => key.replace(/^photos\/(.*)\.png$/, "photos/thumbs/$1_half.png");

describe("CI batch jobs on the Local bucket", () => {
  it("runs a job over a prefix of 300 objects to Success: every output present once, at half size", async () => {
    harness = await startJobsHarness(4);
    const inputs = await uploadImages(300);
    const submitted = await harness.jobs.trigger({ bucket: BUCKET, request: THUMBS });
    expect(submitted).toMatchObject({ state: "Submitted", code: "Success", request: THUMBS });
    expect(await harness.jobFinished(submitted.jobId)).toBe("Success");

    const job = await harness.jobs.get({ bucket: BUCKET, jobId: submitted.jobId });
    expect(job).toMatchObject({ state: "Success", progress: 100, name: "thumbs", request: THUMBS });
    expect(job?.startTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    expect([...harness.done].sort()).toEqual(inputs);
    expect(await keysUnder("photos/thumbs/")).toEqual(inputs.map(thumbOf));
    expect(await keysUnder("photos/")).toHaveLength(600);
    const sample = await harness.cos.getObject({ bucket: BUCKET, key: thumbOf(inputs[7] as string) });
    const chunks: Buffer[] = [];
    for await (const chunk of sample.body) chunks.push(chunk as Buffer);
    expect(await sharp(Buffer.concat(chunks)).metadata()).toMatchObject({ width: 20, height: 15 });
  });

  it("resumes a job after a restart mid-job, without processing any object twice", async () => {
    harness = await startJobsHarness(2);
    const inputs = await uploadImages(200);
    const { jobId } = await harness.jobs.trigger({ bucket: BUCKET, request: THUMBS });
    await harness.doneCount(40);
    await harness.restart();
    const beforeRestart = harness.done.length;
    expect(beforeRestart).toBeLessThan(inputs.length);
    expect(await harness.jobFinished(jobId)).toBe("Success");
    // Each key is journalled once: the ones done before the restart were not run again.
    expect(harness.done).toHaveLength(inputs.length);
    expect([...harness.done].sort()).toEqual(inputs);
    expect(await keysUnder("photos/thumbs/")).toEqual(inputs.map(thumbOf));
    expect(await harness.jobs.get({ bucket: BUCKET, jobId })).toMatchObject({
      state: "Success",
      progress: 100,
    });
  });

  it("cancels a running job: it stops, says Cancel, and keeps the outputs already written", async () => {
    harness = await startJobsHarness(1);
    const inputs = await uploadImages(60);
    const { jobId } = await harness.jobs.trigger({ bucket: BUCKET, request: THUMBS });
    await harness.doneCount(5);
    await harness.jobs.cancel({ bucket: BUCKET, jobId });
    const processed = harness.done.length;
    const job = await harness.jobs.get({ bucket: BUCKET, jobId });
    expect(job?.state).toBe("Cancel");
    expect(job?.progress).toBeLessThan(100);
    expect(harness.finished.get(jobId)).toBe("Cancel");
    expect(processed).toBeLessThan(inputs.length);
    expect(await keysUnder("photos/thumbs/")).toHaveLength(processed);
    // A restart does not bring a cancelled job back.
    await harness.restart();
    expect(await harness.jobs.get({ bucket: BUCKET, jobId })).toMatchObject({ state: "Cancel" });
    expect(harness.done).toHaveLength(processed);
  });

  it("ends Failed when an object cannot be processed, naming it, while every other object gets its output", async () => {
    harness = await startJobsHarness(2);
    const inputs = await uploadImages(20);
    await harness.cos.putObject({
      bucket: BUCKET,
      key: "photos/notes.png",
      body: Buffer.from("not a picture"),
    });
    const { jobId } = await harness.jobs.trigger({ bucket: BUCKET, request: THUMBS });
    expect(await harness.jobFinished(jobId)).toBe("Failed");
    const job = await harness.jobs.get({ bucket: BUCKET, jobId });
    expect(job).toMatchObject({ state: "Failed", progress: 100, code: "InvalidImageFormat" });
    expect(job?.message).toContain("1 of 21 objects failed; first photos/notes.png");
    expect(await keysUnder("photos/thumbs/")).toEqual(inputs.map(thumbOf));
  });

  it("runs exactly the objects a UrlFile names: a missing one fails, the others get outputs, nothing else does", async () => {
    harness = await startJobsHarness(2);
    const inputs = await uploadImages(30);
    const chosen = [inputs[3], inputs[17], inputs[29]] as string[];
    const list = `${urlListText(BUCKET, REGION, chosen)}\n`;
    await harness.cos.putObject({
      bucket: BUCKET,
      key: ".picops/job-inputs/three.txt",
      body: Buffer.from(list),
    });
    const urlFile = `https://${BUCKET}.cos.${REGION}.myqcloud.com/.picops/job-inputs/three.txt`;
    const request: CiJobRequest = { ...THUMBS, name: "three", input: { urlFile } };
    const submitted = await harness.jobs.trigger({ bucket: BUCKET, request });
    expect(submitted.request).toEqual(request);
    expect(await harness.jobFinished(submitted.jobId)).toBe("Success");
    expect(harness.done).toEqual(expect.arrayContaining(chosen));
    expect(harness.done).toHaveLength(3);
    expect(await keysUnder("photos/thumbs/")).toEqual(chosen.map(thumbOf));

    // A key listed that is not (or no longer) in the bucket fails on its own, as on COS.
    const withMissing = urlListText(BUCKET, REGION, [inputs[0] as string, "photos/gone.png"]);
    await harness.cos.putObject({
      bucket: BUCKET,
      key: ".picops/job-inputs/two.txt",
      body: Buffer.from(withMissing),
    });
    const { jobId } = await harness.jobs.trigger({
      bucket: BUCKET,
      request: { ...request, name: "two", input: { urlFile: urlFile.replace("three", "two") } },
    });
    expect(await harness.jobFinished(jobId)).toBe("Failed");
    expect((await harness.jobs.get({ bucket: BUCKET, jobId }))?.message).toBe(
      "1 of 2 objects failed; first photos/gone.png: The specified key does not exist.",
    );
    expect(await keysUnder("photos/thumbs/")).toEqual([inputs[0] as string, ...chosen].map(thumbOf));
  });

  it("refuses a UrlFile that is not an object here, or that names another bucket's object, naming the line", async () => {
    harness = await startJobsHarness(1);
    const address = (key: string) => `https://${BUCKET}.cos.${REGION}.myqcloud.com/${key}`;
    const trigger = (urlFile: string) =>
      harness.jobs.trigger({ bucket: BUCKET, request: { ...THUMBS, input: { urlFile } } });
    await expect(trigger(address("lists/none.txt"))).rejects.toMatchObject({
      code: "InvalidArgument",
      status: 400,
      message: expect.stringContaining("is not an object of a bucket served here"),
    });
    const elsewhere = `${address("photos/a.png")}\nhttps://other-1250000000.cos.${REGION}.myqcloud.com/b.png\n`;
    await harness.cos.putObject({ bucket: BUCKET, key: "lists/other.txt", body: Buffer.from(elsewhere) });
    await expect(trigger(address("lists/other.txt"))).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("Line 2 of the UrlFile names an object of another bucket"),
    });
    await harness.cos.putObject({
      bucket: BUCKET,
      key: "lists/words.txt",
      body: Buffer.from("photos/a.png\n"),
    });
    await expect(trigger(address("lists/words.txt"))).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("Line 1 of the UrlFile is not an object address"),
    });
    expect((await harness.jobs.list({ bucket: BUCKET })).jobs).toEqual([]);
  });

  it("holds a job's workers on the holdJobs fault until released; a cancel lets them go and nothing more is written", async () => {
    harness = await startJobsHarness(3);
    const inputs = await uploadImages(12);
    harness.bucket.faults.holdJobs();
    const { jobId } = await harness.jobs.trigger({ bucket: BUCKET, request: THUMBS });
    await harness.doneCount(3);
    // Each of the three workers finished one object and waits.
    expect(await harness.jobs.get({ bucket: BUCKET, jobId })).toMatchObject({
      state: "Running",
      progress: 25,
    });
    await harness.jobs.cancel({ bucket: BUCKET, jobId });
    harness.bucket.faults.releaseJobs();
    expect(await harness.jobs.get({ bucket: BUCKET, jobId })).toMatchObject({
      state: "Cancel",
      progress: 25,
    });
    expect(harness.done).toHaveLength(3);
    expect(await keysUnder("photos/thumbs/")).toHaveLength(3);

    // Released, a new job runs to its end.
    const { jobId: next } = await harness.jobs.trigger({
      bucket: BUCKET,
      request: { ...THUMBS, name: "again" },
    });
    expect(await harness.jobFinished(next)).toBe("Success");
    // (It also takes the three outputs of the cancelled job as inputs: they are under its prefix.)
    expect(await keysUnder("photos/thumbs/")).toEqual(expect.arrayContaining(inputs.map(thumbOf)));
  });

  it("lists the bucket's jobs newest first, filters by state and pages with NextToken", async () => {
    harness = await startJobsHarness(2);
    await uploadImages(3);
    const ids: string[] = [];
    for (const name of ["one", "two", "three"]) {
      const { jobId } = await harness.jobs.trigger({ bucket: BUCKET, request: { ...THUMBS, name } });
      await harness.jobFinished(jobId);
      ids.push(jobId);
    }
    const first = await harness.jobs.list({ bucket: BUCKET, query: { size: 2 } });
    expect(first.jobs.map((job) => job.name)).toEqual(["three", "two"]);
    const second = await harness.jobs.list({
      bucket: BUCKET,
      query: { size: 2, nextToken: first.nextToken },
    });
    expect(second).toEqual({ jobs: [expect.objectContaining({ jobId: ids[0] })], nextToken: undefined });
    const running = await harness.jobs.list({ bucket: BUCKET, query: { states: ["Running", "Submitted"] } });
    expect(running.jobs).toEqual([]);
    expect(await harness.jobs.get({ bucket: BUCKET, jobId: "bdoesnotexist" })).toBeUndefined();
    await expect(harness.jobs.list({ bucket: BUCKET, query: { size: 101 } })).rejects.toMatchObject({
      code: "InvalidArgument",
      status: 400,
    });
    await expect(harness.jobs.list({ bucket: BUCKET, query: { nextToken: "abc" } })).rejects.toMatchObject({
      code: "InvalidArgument",
      status: 400,
    });
  });

  it("refuses a job it cannot run with a specific 4xx, and a bad signature on the ci host with 403", async () => {
    harness = await startJobsHarness(1);
    await expect(
      harness.jobs.trigger({
        bucket: BUCKET,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
        request: { ...THUMBS, output: { ...THUMBS.output, object: "t/${Number}.png" } },
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument", status: 400 });
    await expect(
      harness.jobs.trigger({
        bucket: BUCKET,
        request: { ...THUMBS, processRule: "imageMogr2/thumbnail/!0p" },
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument", status: 400 });
    await expect(
      harness.jobs.trigger({ bucket: BUCKET, request: { ...THUMBS, processRule: "style/missing" } }),
    ).rejects.toMatchObject({ status: 400 });
    expect((await harness.jobs.list({ bucket: BUCKET })).jobs).toEqual([]);
    const forged = new CiJobsClient({
      credentials: { secretId: CREDENTIALS.secretId, secretKey: "not-the-key" },
      region: REGION,
      endpoint: { kind: "path-style", baseUrl: harness.bucket.url },
      retry: { maxAttempts: 1 },
    });
    await expect(forged.list({ bucket: BUCKET })).rejects.toMatchObject({
      code: "SignatureDoesNotMatch",
      status: 403,
    });
    await forged.close();
  });
});

describe("temporary keys on the ci host", () => {
  it("sends the session token as x-ci-security-token, which the Local bucket checks", async () => {
    harness = await startJobsHarness(1);
    const temporary = {
      secretId: "AKIDtemporaryCi",
      secretKey: "temporaryCiKey",
      sessionToken: "ci-session-token",
    };
    harness.bucket.addCredentials(temporary);
    const sts = new CiJobsClient({
      credentials: temporary,
      region: REGION,
      endpoint: { kind: "path-style", baseUrl: harness.bucket.url },
    });
    const forged = new CiJobsClient({
      credentials: { ...temporary, sessionToken: "someone-elses-token" },
      region: REGION,
      endpoint: { kind: "path-style", baseUrl: harness.bucket.url },
      retry: { maxAttempts: 1 },
    });
    try {
      expect(await sts.list({ bucket: BUCKET })).toEqual({ jobs: [], nextToken: undefined });
      await expect(forged.list({ bucket: BUCKET })).rejects.toMatchObject({
        code: "AccessDenied",
        status: 403,
      });
    } finally {
      await sts.close();
      await forged.close();
    }
  });
});
