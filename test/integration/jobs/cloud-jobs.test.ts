import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CiJobsClient } from "../../../electron/cos/ci-jobs";
import { CosClient } from "../../../electron/cos/client";
import { CloudJobs, type CloudJobsOptions } from "../../../electron/jobs/service";
import { type LocalBucket, startLocalBucket } from "../../../electron/local-bucket/index";
import type { CiJobDetail, CiJobRequest } from "../../../shared/cos/ci-jobs";

const BUCKET = "photos-1250000000";
const REGION = "ap-guangzhou";
const CREDENTIALS = { secretId: "AKIDcloudJobs", secretKey: "cloudJobsSecretKey" };
const REQUEST: CiJobRequest = {
  name: "thumbs",
  input: { prefix: "in/" },
  processRule: "imageMogr2/thumbnail/8x",
  isPicInfo: false,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
  output: { region: REGION, bucket: BUCKET, object: "out/${InputNameAndExt}" },
};

/**
 * Holds the Local bucket's job after each object until released, so a test can act on a job
 * that is certainly still running.
 */
class JobGate {
  readonly #waiting: (() => void)[] = [];
  #released = false;
  #reached: () => void = () => undefined;
  /** Resolves once the job has finished an object and waits. */
  readonly reached = new Promise<void>((resolve) => {
    this.#reached = resolve;
  });

  hold(): Promise<void> | undefined {
    if (this.#released) return undefined;
    this.#reached();
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    this.#released = true;
    for (const resolve of this.#waiting.splice(0)) resolve();
  }
}

let root: string;
let bucket: LocalBucket;
let gate: JobGate | undefined;
let cos: CosClient;
let client: CiJobsClient;
const services: CloudJobs[] = [];

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "picops-cloud-jobs-"));
  bucket = await startLocalBucket({
    root,
    region: REGION,
    buckets: [BUCKET],
    credentials: [CREDENTIALS],
    ciJobs: { concurrency: 1, onObjectDone: () => gate?.hold() },
  });
  const options = {
    credentials: CREDENTIALS,
    region: REGION,
    endpoint: { kind: "path-style" as const, baseUrl: bucket.url },
  };
  cos = new CosClient(options);
  client = new CiJobsClient(options);
  const image = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#808080" } })
    .png()
    .toBuffer();
  for (let i = 0; i < 40; i++) await cos.putObject({ bucket: BUCKET, key: `in/${i}.png`, body: image });
});

afterEach(async () => {
  gate?.release();
  gate = undefined;
  for (const service of services.splice(0)) service.close();
  await cos.close();
  await client.close();
  await bucket.close();
  await rm(root, { recursive: true, force: true });
});

/** A service as the app builds it, and the events it emits; `ended` resolves with a job's final event. */
function cloudJobs(options: Partial<CloudJobsOptions> = {}) {
  const events: CiJobDetail[] = [];
  const waiters: (() => void)[] = [];
  const service = new CloudJobs({
    target: async () => ({ client, cos, bucket: BUCKET, region: REGION }),
    emit: (job) => {
      events.push(job);
      for (const waiter of waiters.splice(0)) waiter();
    },
    pollMs: 10,
    ...options,
  });
  services.push(service);
  const ended = (jobId: string) =>
    new Promise<CiJobDetail>((resolve) => {
      const check = () => {
        const last = events.findLast((job) => job.jobId === jobId);
        if (last && ["Success", "Failed", "Cancel"].includes(last.state)) resolve(last);
        else waiters.push(check);
      };
      check();
    });
  return { service, events, ended };
}

describe("CloudJobs, the app's service for batch jobs", () => {
  it("starts a job and reports it to its end, progress never going back", async () => {
    const { service, events, ended } = cloudJobs();
    const job = await service.start(REQUEST);
    expect(job.state).toBe("Submitted");
    expect(await ended(job.jobId)).toMatchObject({ state: "Success", progress: 100 });
    const progress = events.map((event) => event.progress ?? 0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect((await cos.listObjects({ bucket: BUCKET, prefix: "out/" })).contents).toHaveLength(40);
  });

  it("after an app restart, lists the job from COS and follows it again to its end", async () => {
    const held = new JobGate();
    gate = held;
    const before = cloudJobs();
    const job = await before.service.start(REQUEST);
    await held.reached;
    before.service.close();
    const after = cloudJobs();
    const listed = await after.service.list(undefined);
    expect(listed.jobs.map((j) => j.jobId)).toEqual([job.jobId]);
    held.release();
    expect(await after.ended(job.jobId)).toMatchObject({ state: "Success", progress: 100 });
  });

  it("cancels a job and reports it as Cancel", async () => {
    const { service, ended } = cloudJobs();
    const held = new JobGate();
    gate = held;
    const job = await service.start(REQUEST);
    await held.reached;
    await service.cancel(job.jobId);
    held.release();
    expect(await ended(job.jobId)).toMatchObject({ state: "Cancel" });
  });

  it("plans a job over the prefix from its listing: count, outputs, in-place overwrites", async () => {
    const { service } = cloudJobs();
    const plan = await service.plan(REQUEST);
    expect(plan).toMatchObject({
      counted: 40,
      complete: true,
      overwrites: [],
      shared: [],
      recommendation: "local-loop",
    });
    expect(plan.sample[0]).toEqual({ input: "in/0.png", output: "out/0.png" });
    const inPlace = await service.plan({
      ...REQUEST,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
      output: { ...REQUEST.output, object: "${InputPath}${InputNameAndExt}" },
    });
    expect(inPlace.overwrites).toHaveLength(20);
  });

  it("plans a selection by its keys, runs exactly those from a URL list in the bucket, and removes the list once the job ends", async () => {
    const { service, ended } = cloudJobs();
    const keys = ["in/3.png", "in/14.png", "in/27.png"];
    const selection = { ...REQUEST, input: { keys } };
    const plan = await service.plan({
      ...selection,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
      output: { ...REQUEST.output, object: "in/${InputName}.png" },
    });
    // In place: each output is its own input; the folder's other objects are not inputs here.
    expect(plan).toMatchObject({ counted: 3, complete: true, recommendation: "local-loop", shared: [] });
    expect(plan.overwrites).toEqual(keys);
    // A folder in the selection is not an input.
    expect((await service.plan({ ...REQUEST, input: { keys: ["in/", "in/1.png"] } })).counted).toBe(1);

    const held = new JobGate();
    gate = held;
    const job = await service.start(selection);
    const input = job.request?.input;
    const urlFile = input && "urlFile" in input ? input.urlFile : "";
    const listKey = new URL(urlFile).pathname.slice(1);
    expect(listKey).toMatch(/^\.picops\/job-inputs\/thumbs-[0-9a-f]{8}\.txt$/);
    await held.reached;
    const list = await cos.getObject({ bucket: BUCKET, key: listKey });
    const chunks: Buffer[] = [];
    for await (const chunk of list.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe(
      keys.map((key) => `https://${BUCKET}.cos.${REGION}.myqcloud.com/${key}\n`).join(""),
    );
    held.release();
    expect(await ended(job.jobId)).toMatchObject({ state: "Success", progress: 100 });
    const outputs = (await cos.listObjects({ bucket: BUCKET, prefix: "out/" })).contents.map((o) => o.key);
    expect(outputs).toEqual(["out/14.png", "out/27.png", "out/3.png"]);
    for (const key of outputs) {
      const output = await cos.getObject({ bucket: BUCKET, key });
      const bytes: Buffer[] = [];
      for await (const chunk of output.body) bytes.push(chunk as Buffer);
      expect(await sharp(Buffer.concat(bytes)).metadata()).toMatchObject({ width: 8, height: 8 });
    }
    await expect
      .poll(async () => (await cos.listObjects({ bucket: BUCKET, prefix: ".picops/" })).contents)
      .toEqual([]);
  });

  it("past the keys it lists, estimates a prefix's count from a sample of its sub-folders", async () => {
    const small = Buffer.from("x");
    // 12 sub-folders of 5 objects and 2 objects beside them: 62.
    for (let folder = 0; folder < 12; folder++) {
      for (let i = 0; i < 5; i++)
        await cos.putObject({
          bucket: BUCKET,
          key: `lib/f${String(folder).padStart(2, "0")}/${i}.png`,
          body: small,
        });
    }
    await cos.putObject({ bucket: BUCKET, key: "lib/a.png", body: small });
    await cos.putObject({ bucket: BUCKET, key: "lib/z.png", body: small });
    const { service } = cloudJobs({
      planListedKeys: 20,
      estimateLimits: { sampledFolders: 4, folderKeys: 100, delimitedEntries: 1000 },
    });
    const uniform = await service.plan({ ...REQUEST, input: { prefix: "lib/" } });
    // 20 keys listed: lib/a.png and the first three sub-folders whole, the fourth in part.
    expect(uniform).toMatchObject({
      counted: 20,
      complete: false,
      recommendation: "cloud-job",
      estimate: { total: 62, margin: 0, folders: 12, foldersCounted: 7 },
    });

    // Sub-folders of unequal sizes: the estimate is not exact, and its margin says how far off it may be.
    for (let folder = 0; folder < 12; folder += 3) {
      for (let i = 5; i < 5 + folder; i++)
        await cos.putObject({
          bucket: BUCKET,
          key: `lib/f${String(folder).padStart(2, "0")}/${i}.png`,
          body: small,
        });
    }
    const truth = 62 + 3 + 6 + 9;
    const uneven = await service.plan({ ...REQUEST, input: { prefix: "lib/" } });
    expect(uneven.estimate?.margin).toBeGreaterThan(0);
    expect(Math.abs((uneven.estimate?.total ?? 0) - truth)).toBeLessThanOrEqual(uneven.estimate?.margin ?? 0);

    // A flat folder has no sub-folders to sample: it stays "at least" what was listed.
    const flat = await service.plan(REQUEST);
    expect(flat).toMatchObject({ counted: 20, complete: false });
    expect(flat.estimate).toBeUndefined();
  });
});
