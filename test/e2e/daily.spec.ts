import { createHash } from "node:crypto";
import type { BrowserContext, Page } from "@playwright/test";
import sharp from "sharp";
import { openLocalBucket } from "./bucket-reader";
import { expect, type RunningWebHost, test } from "./web-host-fixture";

/** A small PNG of one colour: each test's picture differs in its bytes. */
function picture(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 200, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

/** Lets the page read and write the clipboard, as a designer's browser would after asking. */
async function allowClipboard(context: BrowserContext, webHost: RunningWebHost): Promise<void> {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: webHost.origin });
}

/** Puts a PNG on the clipboard as a screenshot tool does (a bitmap, not a file), then pastes it. */
async function pasteScreenshot(page: Page, png: Buffer): Promise<void> {
  await page.evaluate(
    async (bytes) => {
      const blob = new Blob([new Uint8Array(bytes)], { type: "image/png" });
      await navigator.clipboard.write([new ClipboardItem({ "image/png": blob })]);
    },
    [...png],
  );
  await page.getByTestId("dropzone").click();
  await page.keyboard.press("Control+V");
}

function md5(bytes: Buffer): string {
  return createHash("md5").update(bytes).digest("hex");
}

test("a pasted screenshot joins the upload list named by the paste template and lands under that name", async ({
  page,
  context,
  webHost,
}) => {
  await allowClipboard(context, webHost);
  await page.goto(webHost.url);
  const png = await picture("#3366aa");
  await pasteScreenshot(page, png);

  const pasted = page.getByTestId("intake-file");
  await expect(pasted).toHaveCount(1);
  await expect(pasted).toContainText(/paste-\d{8}-\d{6}\.png/);
  const name = /paste-\d{8}-\d{6}\.png/.exec((await pasted.textContent()) ?? "")?.[0] ?? "";

  await page.getByRole("button", { name: "Review plan" }).click();
  await expect(page.getByTestId("plan-row")).toContainText(name);
  await page.getByRole("button", { name: "Upload 1 files" }).click();
  await expect(page.getByTestId("batch-state")).toHaveText("Finished");

  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    expect(await bucket.keys()).toEqual([name]);
    expect(await bucket.image(name)).toMatchObject({ format: "png", width: 320, height: 200 });
  } finally {
    await bucket.close();
  }
});

test("naming templates show their example under the field, the plan shows every key, and the bucket gets them", async ({
  page,
  context,
  webHost,
}) => {
  await allowClipboard(context, webHost);
  await page.goto(webHost.url);
  const year = String(new Date().getFullYear());

  await page.getByLabel("Pasted pictures are named").fill("shots/{yyyy}/screen-{random:4}.png");
  await expect(page.locator("#opt-paste-template-example")).toHaveText(
    `Example: shots/${year}/screen-k3x9.png`,
  );
  await page.getByLabel("Pasted pictures are named").fill("{nonsense}.png");
  await expect(page.getByText("Unknown placeholders: {nonsense}")).toBeVisible();
  await page.getByLabel("Pasted pictures are named").fill("shot.png");

  const keyTemplate = page.getByLabel("Name originals by a template");
  await keyTemplate.fill("{yyyy}/{name}-{md5:8}.{ext}");
  await expect(page.locator("#opt-key-template-example")).toHaveText(
    `Example: ${year}/IMG_2041-9e107d9d.jpg`,
  );
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Rule 1").fill("imageMogr2/thumbnail/100x/format/webp");
  await page.getByLabel("Output name").fill("/small/{name}.{format}");
  await expect(page.locator("#rule-0-fileid-example")).toHaveText("Example: small/IMG_2041.webp");

  await pasteScreenshot(page, await picture("#aa6633"));
  await expect(page.getByTestId("intake-file")).toContainText("shot.png");

  // The clipboard holds a bitmap, which the browser encodes anew: the hash is of what was pasted.
  await page.getByRole("button", { name: "Review plan" }).click();
  const row = page.getByTestId("plan-row");
  await expect(row).toContainText(new RegExp(`${year}/shot-[0-9a-f]{8}\\.png`));
  const hash =
    new RegExp(`${year}/shot-([0-9a-f]{8})\\.png`).exec((await row.textContent()) ?? "")?.[1] ?? "";
  const original = `${year}/shot-${hash}.png`;
  const output = `small/shot-${hash}.webp`;
  await expect(row).toContainText(output);
  await page.getByRole("button", { name: "Upload 1 files" }).click();
  await expect(page.getByTestId("batch-state")).toHaveText("Finished");

  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    expect(await bucket.keys()).toEqual([original, output].sort());
    expect(md5(await bucket.bytes(original)).slice(0, 8)).toBe(hash);
    expect(await bucket.image(output)).toMatchObject({ format: "webp", width: 100 });
  } finally {
    await bucket.close();
  }
});
