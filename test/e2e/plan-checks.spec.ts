import { existsSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { animatedGif } from "../fixtures/images";
import { openLocalBucket } from "./bucket-reader";
import { expect, test } from "./web-host-fixture";

/**
 * The plan catches what the engine knows (issue 15, point 4): each rule is tried at reduced
 * size on one file of each kind before anything is sent.
 */

test("a crop the engine cannot run on an animated GIF is an error in the plan, and Start stays off", async ({
  page,
  webHost,
}) => {
  test.setTimeout(180_000);
  await page.goto(webHost.url);
  await page.getByTestId("file-input").setInputFiles([
    { name: "party.gif", mimeType: "image/gif", buffer: await animatedGif(160, 120) },
    {
      name: "still.jpg",
      mimeType: "image/jpeg",
      buffer: await sharp({ create: { width: 160, height: 120, channels: 3, background: "#3d6d9d" } })
        .jpeg()
        .toBuffer(),
    },
  ]);
  await expect(page.getByRole("heading", { name: "2 ready, 0 kept out" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Rule 1", { exact: true }).fill("imageMogr2/scrop/80x80");
  await page.getByRole("button", { name: "Review plan" }).click();
  // Planning reads the headers and runs the trials: it waits for the machine, not for a clock.
  await expect(page.getByTestId("plan-table")).toBeVisible({ timeout: 60_000 });

  const party = page.getByTestId("plan-row").filter({ hasText: "party.gif" });
  await expect(party).toContainText(
    "Rule 1 (imageMogr2/scrop/80x80) fails on animated GIF images, such as party.gif. scrop on an animated image is not supported locally.",
  );
  const still = page.getByTestId("plan-row").filter({ hasText: "still.jpg" });
  await expect(still).not.toContainText("fails on");
  await expect(page.getByRole("button", { name: "Upload 2 files" })).toBeDisabled();
});

test("a Fit that enlarges a small JPEG is a warning in the plan", async ({ page, webHost }) => {
  test.setTimeout(180_000);
  await page.goto(webHost.url);
  await page.getByTestId("file-input").setInputFiles({
    name: "small.jpg",
    mimeType: "image/jpeg",
    buffer: await sharp({ create: { width: 400, height: 300, channels: 3, background: "#806040" } })
      .jpeg()
      .toBuffer(),
  });
  await expect(page.getByRole("heading", { name: "1 ready, 0 kept out" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Rule 1", { exact: true }).fill("imageMogr2/thumbnail/1200x900");
  await page.getByLabel("Output name").first().fill("{name}_fit.jpg");
  await page.getByRole("button", { name: "Review plan" }).click();
  // Planning reads the headers and runs the trials: it waits for the machine, not for a clock.
  await expect(page.getByTestId("plan-table")).toBeVisible({ timeout: 60_000 });

  await expect(page.getByTestId("plan-warning").filter({ hasText: "enlarges" })).toHaveText(
    "Rule 1 enlarges the picture from 400×300 to 1200×900 px: picops-1250000000/small_fit.jpg",
  );
  await expect(page.getByRole("button", { name: /^Upload 1 file$/ })).toBeEnabled();
});

test("processing in the bucket tries the rule on the objects' kinds: a crop on an animated GIF blocks it", async ({
  page,
  webHost,
}) => {
  test.setTimeout(180_000);
  await page.goto(webHost.url);
  // Opening the Bucket tab lists the Local bucket, which starts it.
  await page.getByRole("tab", { name: "Bucket" }).click();
  await expect
    .poll(() => existsSync(path.join(webHost.dataDir, "local-bucket", "address.json")), { timeout: 60_000 })
    .toBe(true);
  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    await bucket.client.putObject({
      bucket: "picops-1250000000",
      key: "party.gif",
      body: await animatedGif(160, 120),
    });
    await page.getByRole("button", { name: "Open", exact: true }).click();
    await page.locator('[data-testid="entry"][data-key="party.gif"]').click();
    await page.getByLabel("Rule 1", { exact: true }).fill("imageMogr2/scrop/80x80");
    await page.getByLabel("Output name").first().fill("{name}_crop.gif");
    await page.getByRole("button", { name: "Review plan" }).click();
    await expect(page.getByTestId("plan-table")).toBeVisible({ timeout: 60_000 });
    // Planning reads the headers and runs the trials: it waits for the machine, not for a clock.
    await expect(page.getByTestId("plan-table")).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("plan-row")).toContainText(
      "Rule 1 (imageMogr2/scrop/80x80) fails on animated GIF images, such as party.gif.",
    );
    await expect(page.getByRole("button", { name: /^Process 1 object$/ })).toBeDisabled();
  } finally {
    await bucket.close();
  }
});
