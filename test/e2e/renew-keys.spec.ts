import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CosClient } from "../../electron/cos/client";
import { type LocalBucket, startLocalBucket } from "../../electron/local-bucket/index";
import { noiseImage } from "../fixtures/images";
import { issueTemporaryKeys } from "../fixtures/temporary-keys";
import { expect, test } from "./web-host-fixture";

/**
 * Temporary keys expire in the middle of work: the batch stops and says why, the designer
 * edits the connection with renewed keys, retries, and every file lands.
 */

const BUCKET = "studio-1250000000";
const REGION = "ap-guangzhou";
const HOUR = 60 * 60_000;

let root: string;
let cos: LocalBucket;
/** The bucket's clock minus ours: moving it past the keys' expiry is how they run out. */
let clockShiftMs = 0;
const bucketNow = () => Date.now() + clockShiftMs;

/** Temporary keys valid for an hour of the bucket's time. */
const temporaryKeys = () => issueTemporaryKeys(cos, bucketNow() + HOUR);

test.beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "picops-e2e-renew-"));
  cos = await startLocalBucket({
    root: path.join(root, "cos"),
    region: REGION,
    buckets: [BUCKET],
    credentials: [],
    now: bucketNow,
  });
});

test.afterAll(async () => {
  await cos.close();
  await rm(root, { recursive: true, force: true });
});

test("expired temporary keys stop the batch, which says why; edited keys and Retry failed finish it", async ({
  page,
  webHost,
}) => {
  test.setTimeout(120_000);
  const first = temporaryKeys();
  await page.goto(webHost.url);
  await page.getByRole("button", { name: "Add Tencent COS connection" }).click();
  const adding = page.getByRole("dialog", { name: "Tencent COS connection" });
  await adding.getByLabel("Name").fill("Studio");
  await adding.getByLabel("SecretId").fill(first.secretId);
  await adding.getByLabel("SecretKey").fill(first.secretKey);
  await adding.getByLabel("Session token").fill(first.sessionToken);
  await adding.getByLabel("Region").fill(REGION);
  await adding.getByLabel("Default bucket").fill(BUCKET);
  await adding.getByLabel("Custom domain").fill(`${cos.url}/{Bucket}`);
  await adding.getByRole("button", { name: "Save connection" }).click();
  await page.getByTestId("connection-cos").getByRole("button", { name: "Use" }).click();

  const folder = path.join(root, "photos");
  const files = ["a.jpg", "b.jpg", "c.jpg"].map((name) => path.join(folder, name));
  await mkdir(folder, { recursive: true });
  for (const file of files) await writeFile(file, await noiseImage(160, 120).jpeg().toBuffer());
  await page.getByTestId("file-input").setInputFiles(files);
  await expect(page.getByTestId("intake-file")).toHaveCount(3);
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Rule 1").fill("imageMogr2/thumbnail/64x/format/png");
  await page.getByLabel("Output name").first().fill("{name}_64.png");
  await page.getByRole("button", { name: "Review plan" }).click();
  await expect(page.getByTestId("plan-row")).toHaveCount(3);

  // Two hours later by the bucket's clock, the keys have run out.
  clockShiftMs = 2 * HOUR;
  await page.getByRole("button", { name: "Upload 3 files" }).click();
  // The batch stops at the first refusal (paused; or finished, when every file was already under way).
  await expect(page.getByTestId("batch-keys-refused")).toContainText("COS refused this connection's keys", {
    timeout: 60_000,
  });
  await expect(page.getByTestId("batch-state")).toHaveText(/Paused|Finished/);
  await expect(page.getByTestId("batch-item").filter({ hasText: "ExpiredToken" }).first()).toBeVisible();

  // Renewed keys go into the same connection; the stored ones stay hidden.
  const renewed = temporaryKeys();
  await page.getByRole("button", { name: "Edit Studio" }).click();
  const editing = page.getByRole("dialog", { name: "Edit “Studio”" });
  await expect(editing.getByLabel("Default bucket")).toHaveValue(BUCKET);
  await expect(editing.getByLabel("SecretKey")).toHaveValue("");
  await expect(editing.getByTestId("keep-keys-hint")).toContainText("AKID");
  await editing.getByLabel("SecretId").fill(renewed.secretId);
  await editing.getByLabel("SecretKey").fill(renewed.secretKey);
  await editing.getByLabel("Session token").fill(renewed.sessionToken);
  await editing.getByRole("button", { name: "Save connection" }).click();
  await expect(editing).toBeHidden();

  await page.getByRole("button", { name: "Retry failed" }).click();
  await expect(page.getByTestId("batch-state")).toHaveText("Finished", { timeout: 60_000 });
  await expect(page.getByTestId("batch-totals")).toContainText("3 of 3 files (3 done, 0 failed)");
  await expect(page.getByTestId("batch-keys-refused")).toBeHidden();

  // The bucket holds each original and its result, read with the renewed keys.
  const client = new CosClient({
    credentials: renewed,
    region: REGION,
    endpoint: { kind: "path-style", baseUrl: cos.url },
  });
  try {
    const listing = await client.listObjects({ bucket: BUCKET });
    expect(listing.contents.map((object) => object.key).sort()).toEqual([
      "a.jpg",
      "a_64.png",
      "b.jpg",
      "b_64.png",
      "c.jpg",
      "c_64.png",
    ]);
  } finally {
    await client.close();
  }
});
