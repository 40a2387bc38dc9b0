import { existsSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { openLocalBucket } from "./bucket-reader";
import { expect, test } from "./web-host-fixture";

test("what Picops does not know, or runs only in COS or as an approximation, is flagged wherever a rule is written, and never blocks", async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url);
  await page.getByTestId("file-input").setInputFiles({
    name: "tile.png",
    mimeType: "image/png",
    buffer: await sharp({ create: { width: 80, height: 60, channels: 3, background: "#3d6d9d" } })
      .png()
      .toBuffer(),
  });

  // An upload rule slot: the first warning of the rule, beside it; the plan marks the result.
  await page.getByRole("button", { name: "Add a rule" }).click();
  const slot = page.getByLabel("Rule 1", { exact: true });
  await slot.fill("imageMogr2/thumbnail/200x/|QRcode/cover/1");
  await expect(
    page.getByText("Warning: QRcode: not a processor this version knows; kept as written (col 28)"),
  ).toBeVisible();
  await expect(slot).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Review plan" }).click();
  await expect(page.getByTestId("plan-warning")).toContainText("COS only (QRcode)");
  await expect(page.getByRole("button", { name: /^Upload 1 file$/ })).toBeEnabled();

  // The Rules tab: a value outside a range CI does not document warns; Use in upload stays on.
  await page.getByRole("button", { name: "Preview tile.png" }).click();
  await page.getByRole("tab", { name: "Rules" }).click();
  const text = page.getByLabel("Rule text", { exact: true });
  await text.fill("imageMogr2/rotate/-90/scrop/40x40");
  await expect(
    page.getByText(
      "rotate: degrees is usually 0–360, got -90; Picops cannot confirm COS accepts it (col 19)",
    ),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Use in upload" })).toBeEnabled();

  // The preview says how the rule runs here before anything is sent.
  const note = page.getByTestId("preview-local-run");
  await expect(note).toHaveAttribute("data-support", "approximation");
  await expect(note).toContainText("Approximation. scrop: CI's own algorithm");
  await text.fill("imageMogr2/thumbnail/40x/format/tpg");
  await expect(note).toHaveAttribute("data-support", "cos-only");
  await expect(note).toContainText("COS only. format/tpg");
  await text.fill("imageMogr2/thumbnail/40x");
  await expect(note).toHaveCount(0);
});

test("processing in the bucket flags the rule's warning and marks a COS-only result, and still processes", async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url);
  // Opening the Bucket tab lists the Local bucket, which starts it.
  await page.getByRole("tab", { name: "Bucket" }).click();
  await expect.poll(() => existsSync(path.join(webHost.dataDir, "local-bucket", "address.json"))).toBe(true);
  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    const body = await sharp({ create: { width: 120, height: 80, channels: 3, background: "#806040" } })
      .jpeg()
      .toBuffer();
    await bucket.client.putObject({ bucket: "picops-1250000000", key: "card.jpg", body });
    await page.getByRole("button", { name: "Open", exact: true }).click();
    await page.locator('[data-testid="entry"][data-key="card.jpg"]').click();

    const slot = page.getByLabel("Rule 1", { exact: true });
    await slot.fill("imageMogr2/thumbnail/60x/tile/2");
    await expect(
      page.getByText(
        "Warning: tile: not an imageMogr2 operation this version knows; kept as written (col 26)",
      ),
    ).toBeVisible();
    await page.getByLabel("Output name").first().fill("{name}_tiled.jpg");
    await page.getByRole("button", { name: "Review plan" }).click();
    await expect(page.getByTestId("plan-warning")).toContainText("COS only (tile)");
    await page.getByRole("button", { name: "Process 1 object" }).click();
    // The Local bucket cannot run an operation it does not know: COS would be sent the rule as written.
    await expect(page.getByTestId("batch-state")).toHaveText("Finished", { timeout: 30_000 });
    await expect(page.getByTestId("item-error")).toContainText("NotImplemented");
  } finally {
    await bucket.close();
  }
});
