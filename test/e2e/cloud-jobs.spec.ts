import { randomBytes } from "node:crypto";
import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { CiJobsClient } from "../../electron/cos/ci-jobs";
import { openLocalBucket } from "./bucket-reader";
import { expect, startWebHost, test } from "./web-host-fixture";

const BUCKET = "picops-1250000000";
const NAMES = Array.from({ length: 12 }, (_, i) => `img-${String(i).padStart(2, "0")}`);
const KEYS = NAMES.map((name) => `shots/${name}.jpg`);
const OUTPUTS = NAMES.map((name) => `shots/${name}_1.png`);

/** Opens the Bucket tab, which starts the Local bucket, and waits until it listens. */
async function openBucketTab(page: Page, dataDir: string) {
  await page.getByRole("tab", { name: "Bucket" }).click();
  const address = path.join(dataDir, "local-bucket", "address.json");
  await expect
    .poll(() =>
      access(address).then(
        () => true,
        () => false,
      ),
    )
    .toBe(true);
}

/** Puts a 400×300 JPEG at each key, each of its own shade. */
async function putImages(bucket: Awaited<ReturnType<typeof openLocalBucket>>, keys: readonly string[]) {
  for (const [index, key] of keys.entries()) {
    const body = await sharp({
      create: { width: 400, height: 300, channels: 3, background: { r: index * 20, g: 90, b: 160 } },
    })
      .jpeg()
      .toBuffer();
    await bucket.client.putObject({ bucket: BUCKET, key, body });
  }
}

/** The Local bucket's address and keys, as the app that started it wrote them down. */
async function localBucketAccess(dataDir: string) {
  const folder = path.join(dataDir, "local-bucket");
  const address = JSON.parse(await readFile(path.join(folder, "address.json"), "utf8")) as {
    url: string;
    region: string;
  };
  const credentials = JSON.parse(await readFile(path.join(folder, "credentials.json"), "utf8")) as {
    secretId: string;
    secretKey: string;
  };
  return { ...address, credentials };
}

test("a cloud job over a prefix from the Bucket tab writes every output, and is still listed after a restart", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // This test restarts its host, so it runs its own rather than the fixture's.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "picops-e2e-jobs-"));
  let host = await startWebHost(dataDir);
  try {
    await page.goto(host.url);
    await openBucketTab(page, dataDir);
    const bucket = await openLocalBucket(dataDir);
    try {
      for (const [index, key] of KEYS.entries()) {
        const body = await sharp({
          create: { width: 400, height: 300, channels: 3, background: { r: index * 20, g: 90, b: 160 } },
        })
          .jpeg()
          .toBuffer();
        await bucket.client.putObject({ bucket: BUCKET, key, body });
      }

      await page.getByRole("button", { name: "Open", exact: true }).click();
      await page.locator('[data-testid="entry"][data-key="shots/"]').click();
      await expect(page.getByTestId("browse-status")).toHaveText("0 folders, 12 objects");

      await page.getByLabel("Every image under shots/").check();
      await page.getByLabel("Rule 1").fill("imageMogr2/thumbnail/200x150!/format/png");
      await page.getByRole("button", { name: "Review plan" }).click();
      const plan = page.getByTestId("cloud-plan");
      await expect(plan.getByTestId("cloud-plan-count")).toHaveText("12 objects under shots/");
      await expect(plan.getByTestId("cloud-plan-sample").first()).toHaveText(
        "shots/img-00.jpg → shots/img-00_1.png",
      );
      // Twelve objects are a job for this computer; the designer sends them to the cloud anyway.
      await expect(plan.getByRole("radio", { name: /This computer/ })).toBeChecked();
      await expect(plan.getByTestId("recommended")).toHaveCount(1);
      await plan.getByRole("radio", { name: /Cloud job/ }).check();
      await plan.getByRole("button", { name: "Start the cloud job" }).click();

      const job = page.getByTestId("job").first();
      await expect(job.getByTestId("job-state")).toHaveText("Finished", { timeout: 120_000 });
      await expect(job.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
      // The folder shown is listed again once the job that wrote into it ends.
      await expect(page.getByTestId("browse-status")).toHaveText("0 folders, 24 objects");

      expect(await bucket.keys()).toEqual([...KEYS, ...OUTPUTS].sort());
      for (const key of OUTPUTS) {
        expect(await bucket.image(key)).toMatchObject({ format: "png", width: 200, height: 150 });
      }
    } finally {
      await bucket.close();
    }
    const jobName = await page.getByTestId("job").first().locator("strong").textContent();

    host.process.kill("SIGTERM");
    await new Promise((resolve) => host.process.once("exit", resolve));
    host = await startWebHost(dataDir);
    await page.goto(host.url);
    await openBucketTab(page, dataDir);
    const listed = page.getByTestId("job").filter({ hasText: jobName ?? "" });
    await expect(listed.getByTestId("job-state")).toHaveText("Finished");
  } finally {
    host.process.kill("SIGTERM");
    await new Promise((resolve) => host.process.once("exit", resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("a selection runs as a cloud job from the Bucket tab: the selected objects get their outputs, the others none", async ({
  page,
  webHost,
}) => {
  test.setTimeout(180_000);
  await page.goto(webHost.url);
  await openBucketTab(page, webHost.dataDir);
  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    const keys = KEYS.slice(0, 8);
    await putImages(bucket, keys);
    await page.getByRole("button", { name: "Open", exact: true }).click();
    await page.locator('[data-testid="entry"][data-key="shots/"]').click();
    await expect(page.getByTestId("browse-status")).toHaveText("0 folders, 8 objects");
    const chosen = ["shots/img-01.jpg", "shots/img-04.jpg", "shots/img-06.jpg"];
    await page.locator(`[data-testid="entry"][data-key="${chosen[0]}"]`).click();
    for (const key of chosen.slice(1))
      await page.locator(`[data-testid="entry"][data-key="${key}"]`).click({ modifiers: ["ControlOrMeta"] });
    await expect(page.getByTestId("browse-status")).toContainText("3 selected");

    await page.getByLabel("The 3 selected objects").check();
    await page.getByLabel("Rule 1").fill("imageMogr2/thumbnail/120x90!/format/png");
    await page.getByRole("button", { name: "Review plan" }).click();
    const plan = page.getByTestId("cloud-plan");
    await expect(plan.getByTestId("cloud-plan-count")).toHaveText("3 selected objects");
    await expect(plan.getByTestId("cloud-plan-sample").first()).toHaveText(
      "shots/img-01.jpg → shots/img-01_1.png",
    );
    // Three objects are for this computer, and its plan is there at once: no extra click.
    await expect(plan.getByRole("radio", { name: /This computer/ })).toBeChecked();
    await expect(plan.getByRole("radio", { name: /This computer/ }).locator("..")).toContainText(
      "Recommended for this size",
    );
    await expect(page.getByRole("button", { name: "Process 3 objects" })).toBeVisible();

    await plan.getByRole("radio", { name: /Cloud job/ }).check();
    await expect(page.getByRole("button", { name: "Process 3 objects" })).toHaveCount(0);
    await plan.getByRole("button", { name: "Start the cloud job" }).click();
    const job = page.getByTestId("job").first();
    await expect(job.getByTestId("job-state")).toHaveText("Finished", { timeout: 120_000 });
    // The cloud ran them: nothing offers to process them again on this computer.
    await expect(page.getByTestId("plan-table")).toHaveCount(0);

    const outputs = chosen.map((key) => key.replace(/\.jpg$/, "_1.png"));
    // The job's URL list is removed once the job is seen finished: only the outputs are new.
    await expect.poll(() => bucket.keys()).toEqual([...keys, ...outputs].sort());
    for (const key of outputs) {
      expect(await bucket.image(key)).toMatchObject({ format: "png", width: 120, height: 90 });
    }
  } finally {
    await bucket.close();
  }
});

test("a cloud job cancelled from the Bucket tab while it runs stops: Cancelled in the app and in COS's answer, no output after", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const token = randomBytes(16).toString("hex");
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "picops-e2e-cancel-"));
  const host = await startWebHost(dataDir, { env: { PICOPS_LOCAL_FAULT_TOKEN: token } });
  const bucket = { reader: undefined as Awaited<ReturnType<typeof openLocalBucket>> | undefined };
  let jobs: CiJobsClient | undefined;
  try {
    await page.goto(host.url);
    await openBucketTab(page, dataDir);
    const access = await localBucketAccess(dataDir);
    const faults = async (command: object) => {
      const answer = await fetch(`${access.url}/-/faults`, {
        method: "POST",
        headers: { "x-picops-fault-token": token, "content-type": "application/json" },
        body: JSON.stringify(command),
      });
      expect(answer.status).toBe(204);
    };
    jobs = new CiJobsClient({
      credentials: access.credentials,
      region: access.region,
      endpoint: { kind: "path-style", baseUrl: access.url },
    });
    const reader = await openLocalBucket(dataDir);
    bucket.reader = reader;
    await putImages(reader, KEYS);
    const outputs = async () => (await reader.keys()).filter((key) => key.endsWith("_1.png"));

    // Each of the job's four workers processes one object, then waits until released.
    await faults({ holdJobs: true });
    await page.getByRole("button", { name: "Open", exact: true }).click();
    await page.locator('[data-testid="entry"][data-key="shots/"]').click();
    await expect(page.getByTestId("browse-status")).toHaveText("0 folders, 12 objects");
    await page.getByLabel("Every image under shots/").check();
    await page.getByLabel("Rule 1").fill("imageMogr2/thumbnail/200x150!/format/png");
    await page.getByRole("button", { name: "Review plan" }).click();
    const plan = page.getByTestId("cloud-plan");
    await plan.getByRole("radio", { name: /Cloud job/ }).check();
    await plan.getByRole("button", { name: "Start the cloud job" }).click();

    const job = page.getByTestId("job").first();
    await expect(job.getByTestId("job-state")).toHaveText("Running", { timeout: 60_000 });
    await expect(job.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "33", { timeout: 60_000 });
    const jobId = (await job.getAttribute("data-job-id")) as string;

    await job.getByRole("button", { name: "Cancel" }).click();
    await expect(job.getByTestId("job-state")).toHaveText("Cancelled");
    await expect(job.getByRole("button", { name: "Cancel" })).toHaveCount(0);
    // The Local bucket answered the cancel once the job's workers had stopped.
    expect(await jobs.get({ bucket: BUCKET, jobId })).toMatchObject({ state: "Cancel", progress: 33 });
    expect(await outputs()).toHaveLength(4);

    // Released, the workers find their job cancelled: nothing more is processed or written.
    await faults({ releaseJobs: true });
    expect(await jobs.get({ bucket: BUCKET, jobId })).toMatchObject({ state: "Cancel", progress: 33 });
    expect(await outputs()).toHaveLength(4);
    for (const key of await outputs()) {
      expect(await reader.image(key)).toMatchObject({ format: "png", width: 200, height: 150 });
    }
  } finally {
    await jobs?.close();
    await bucket.reader?.close();
    host.process.kill("SIGTERM");
    await new Promise((resolve) => host.process.once("exit", resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
});
