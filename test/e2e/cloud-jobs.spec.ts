import { access, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import sharp from "sharp";
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
