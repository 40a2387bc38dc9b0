import { createHash } from "node:crypto";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import sharp from "sharp";
import { openLocalBucket } from "./bucket-reader";
import { expect, type RunningWebHost, startWebHost, test } from "./web-host-fixture";

/** How long a batch of a few small files may take on a busy machine: a wait, not a measure. */
const BATCH_TIMEOUT = 60_000;

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

/** Stops a host this spec started itself, and waits until it has exited. */
async function stop(host: Awaited<ReturnType<typeof startWebHost>>): Promise<void> {
  host.process.kill("SIGTERM");
  await new Promise((resolve) => host.process.once("exit", resolve));
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
  await page.getByRole("button", { name: "Upload 1 file" }).click();
  await expect(page.getByTestId("batch-state")).toHaveText("Finished", { timeout: BATCH_TIMEOUT });

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
  await page.getByRole("button", { name: "Upload 1 file" }).click();
  await expect(page.getByTestId("batch-state")).toHaveText("Finished", { timeout: BATCH_TIMEOUT });

  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    expect(await bucket.keys()).toEqual([original, output].sort());
    expect(md5(await bucket.bytes(original)).slice(0, 8)).toBe(hash);
    expect(await bucket.image(output)).toMatchObject({ format: "webp", width: 100 });
  } finally {
    await bucket.close();
  }
});

/** Uploads pictures through the file picker with one rule, and waits for the batch to finish. */
async function uploadWithRule(page: Page, folder: string, names: string[], rule: string, fileid: string) {
  await page.getByTestId("file-input").setInputFiles(names.map((name) => path.join(folder, name)));
  await expect(page.getByTestId("intake-file")).toHaveCount(names.length);
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Rule 1").fill(rule);
  await page.getByLabel("Output name").fill(fileid);
  await page.getByRole("button", { name: "Review plan" }).click();
  await page
    .getByRole("button", { name: `Upload ${names.length} ${names.length === 1 ? "file" : "files"}` })
    .click();
  await expect(page.getByTestId("batch-state")).toHaveText("Finished", { timeout: BATCH_TIMEOUT });
}

async function pictureFolder(pictures: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "picops-daily-"));
  for (const [name, colour] of Object.entries(pictures)) {
    const image = sharp({ create: { width: 640, height: 400, channels: 3, background: colour } });
    await writeFile(
      path.join(folder, name),
      await (name.endsWith(".png") ? image.png() : image.jpeg()).toBuffer(),
    );
  }
  return folder;
}

const clipboardText = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test("links of an upload, some of its files and a bucket object, in every format, reach the clipboard", async ({
  page,
  context,
  webHost,
}) => {
  await allowClipboard(context, webHost);
  await page.goto(webHost.url);
  const folder = await pictureFolder({ "harbour.jpg": "#225588", "meadow.jpg": "#448822" });
  await uploadWithRule(
    page,
    folder,
    ["harbour.jpg", "meadow.jpg"],
    "imageMogr2/thumbnail/320x/format/webp",
    "{name}_w320.webp",
  );

  const menu = page.getByTestId("links-menu");
  const outcome = menu.getByTestId("links-outcome");
  await menu.getByRole("button", { name: "Copy links" }).click();
  await expect(outcome).toHaveText("Copied 2 links");
  const urls = (await clipboardText(page)).split("\n");
  expect(urls).toHaveLength(2);
  expect(urls.map((url) => decodeURIComponent(new URL(url).pathname).split("/").pop()).sort()).toEqual([
    "harbour.jpg",
    "meadow.jpg",
  ]);

  await menu.getByLabel("Link format").selectOption({ label: "Markdown" });
  await menu.getByLabel("Only these files (none chosen: all)").selectOption({ label: "meadow.jpg" });
  await menu.getByRole("button", { name: "Copy links" }).click();
  await expect(outcome).toHaveText("Copied 1 link");
  await expect.poll(() => clipboardText(page)).toMatch(/^!\[meadow\]\(http[^)]+\/meadow\.jpg\)$/);

  await menu.getByLabel("Only these files (none chosen: all)").selectOption([]);
  await menu.getByLabel("Link format").selectOption({ label: "<picture>" });
  await menu.getByRole("button", { name: "Copy links" }).click();
  await expect.poll(() => clipboardText(page)).toContain("<picture>");
  const pictures = await clipboardText(page);
  expect(pictures.match(/<picture>/g)).toHaveLength(2);
  expect(pictures).toContain('<source type="image/webp" srcset="');
  expect(pictures).toMatch(/harbour_w320\.webp 320w/);

  await menu.getByLabel("Link to").selectOption({ label: "Processed outputs" });
  await menu.getByLabel("Link format").selectOption({ label: "HTML <img>" });
  await menu.getByRole("button", { name: "Copy links" }).click();
  await expect.poll(() => clipboardText(page)).toMatch(/^<img /);
  const images = (await clipboardText(page)).split("\n").sort();
  expect(images).toHaveLength(2);
  expect(images[0]).toMatch(
    /^<img src="http[^"]+\/harbour_w320\.webp" alt="harbour_w320" width="320" height="200">$/,
  );

  // A custom template, saved with the connection: it is there after a reload.
  await menu.getByRole("button", { name: "Custom templates…" }).click();
  await menu.getByRole("button", { name: "Add a template" }).click();
  await menu.getByLabel("Name of template 1").fill("BBCode");
  await menu.getByLabel("Template 1", { exact: true }).fill("[img]{oops}[/img]");
  await expect(menu.getByText("Unknown placeholders: {oops}")).toBeVisible();
  await expect(menu.getByRole("button", { name: "Save templates" })).toBeDisabled();
  await menu.getByLabel("Template 1", { exact: true }).fill("[img]{url}[/img] {width}");
  await menu.getByRole("button", { name: "Save templates" }).click();
  await expect(outcome).toHaveText("Templates saved.");
  await page.reload();
  await page.getByTestId("links-menu").getByLabel("Link format").selectOption({ label: "BBCode" });
  await page.getByTestId("links-menu").getByLabel("Link to").selectOption({ label: "Processed outputs" });
  await page.getByTestId("links-menu").getByRole("button", { name: "Copy links" }).click();
  await expect(page.getByTestId("links-outcome")).toHaveText("Copied 2 links");
  await expect.poll(() => clipboardText(page)).toMatch(/^\[img\]/);
  expect((await clipboardText(page)).split("\n").sort()[0]).toMatch(
    /^\[img\]http\S+\/harbour_w320\.webp\[\/img\] 320$/,
  );

  // A bucket object's own links.
  await page.getByRole("tab", { name: "Bucket" }).click();
  await page.locator(`[data-testid="entry"][data-key="harbour.jpg"]`).click();
  const objectMenu = page.locator(".object-details").getByTestId("links-menu");
  await objectMenu.getByLabel("Link format").selectOption({ label: "URL" });
  await objectMenu.getByRole("button", { name: "Copy links" }).click();
  await expect(objectMenu.getByTestId("links-outcome")).toHaveText("Copied 1 link");
  await expect.poll(() => clipboardText(page)).toMatch(/^http\S+\/harbour\.jpg$/);
});

test("a presigned link of a private bucket opens for the chosen time and serves the object's bytes", async ({
  page,
  context,
  webHost,
  request,
}) => {
  await allowClipboard(context, webHost);
  await page.goto(webHost.url);
  const folder = await pictureFolder({ "lagoon.png": "#118899" });
  await uploadWithRule(page, folder, ["lagoon.png"], "imageMogr2/thumbnail/100x", "{name}_small.{ext}");

  const menu = page.getByTestId("links-menu");
  await menu.getByRole("button", { name: "Copy links" }).click();
  await expect(menu.getByTestId("links-outcome")).toHaveText("Copied 1 link");
  const plain = await clipboardText(page);
  expect((await request.get(plain)).status()).toBe(403);

  await menu.getByLabel("Access").selectOption({ label: "Presigned, opens for 1 hour" });
  await menu.getByRole("button", { name: "Copy links" }).click();
  await expect.poll(() => clipboardText(page)).not.toBe(plain);
  const signed = await clipboardText(page);
  expect(signed).toContain("q-sign-time=");
  const [start, end] = (new URL(signed).searchParams.get("q-sign-time") ?? "").split(";").map(Number);
  expect((end ?? 0) - (start ?? 0)).toBe(3600);

  const response = await request.get(signed);
  expect(response.status()).toBe(200);
  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    expect(Buffer.from(await response.body()).equals(await bucket.bytes("lagoon.png"))).toBe(true);
  } finally {
    await bucket.close();
  }

  // Opening it from the bucket browser hands the browser a presigned address, even with plain links chosen.
  await page.getByRole("tab", { name: "Bucket" }).click();
  await page.locator(`[data-testid="entry"][data-key="lagoon.png"]`).click();
  const objectMenu = page.locator(".object-details").getByTestId("links-menu");
  await objectMenu.getByLabel("Access").selectOption({ label: "Plain URL (public bucket)" });
  const opened = context.waitForEvent("page");
  await objectMenu.getByRole("button", { name: "Open in the browser" }).click();
  const tab = await opened;
  expect(tab.url()).toContain("q-sign-time=");
});

test("links to several objects selected in the Bucket tab come one per line, plain and then presigned for the private bucket", async ({
  page,
  context,
  webHost,
  request,
}) => {
  await allowClipboard(context, webHost);
  await page.goto(webHost.url);
  const names = ["harbour.jpg", "lagoon.png", "meadow.jpg"];
  const folder = await pictureFolder({
    "harbour.jpg": "#225588",
    "lagoon.png": "#118899",
    "meadow.jpg": "#448822",
  });
  await page.getByTestId("file-input").setInputFiles(names.map((name) => path.join(folder, name)));
  await expect(page.getByTestId("intake-file")).toHaveCount(3);
  await page.getByRole("button", { name: "Review plan" }).click();
  await page.getByRole("button", { name: "Upload 3 files" }).click();
  await expect(page.getByTestId("batch-state")).toHaveText("Finished", { timeout: BATCH_TIMEOUT });

  // harbour.jpg, then meadow.jpg by the keyboard: Ctrl+arrows move without selecting, Space adds.
  await page.getByRole("tab", { name: "Bucket" }).click();
  await page.locator(`[data-testid="entry"][data-key="harbour.jpg"]`).click();
  await page.keyboard.press("Control+ArrowRight");
  await page.keyboard.press("Control+ArrowRight");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("browse-status")).toContainText("2 selected");

  const menu = page.getByRole("group", { name: "Links to the 2 selected objects" });
  await menu.getByLabel("Link format").selectOption({ label: "Markdown" });
  await menu.getByRole("button", { name: "Copy links" }).click();
  await expect(menu.getByTestId("links-outcome")).toHaveText("Copied 2 links");
  const markdown = (await clipboardText(page)).split("\n");
  expect(markdown).toHaveLength(2);
  expect(markdown[0]).toMatch(/^!\[harbour\]\(http\S+\/picops-1250000000\/harbour\.jpg\)$/);
  expect(markdown[1]).toMatch(/^!\[meadow\]\(http\S+\/picops-1250000000\/meadow\.jpg\)$/);
  const plain = /\((\S+)\)$/.exec(markdown[0] ?? "")?.[1] ?? "";
  // The Local bucket is private: a plain URL is refused, a presigned one opens.
  expect((await request.get(plain)).status()).toBe(403);

  await menu.getByLabel("Link format").selectOption({ label: "URL" });
  await menu.getByLabel("Access").selectOption({ label: "Presigned, opens for 1 day" });
  await menu.getByRole("button", { name: "Copy links" }).click();
  await expect.poll(() => clipboardText(page)).toContain("q-sign-time=");
  const signed = (await clipboardText(page)).split("\n");
  expect(signed).toHaveLength(2);
  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    for (const [index, key] of ["harbour.jpg", "meadow.jpg"].entries()) {
      const url = new URL(signed[index] ?? "");
      expect(url.pathname).toBe(`/picops-1250000000/${key}`);
      const [start, end] = (url.searchParams.get("q-sign-time") ?? "").split(";").map(Number);
      expect((end ?? 0) - (start ?? 0)).toBe(86_400);
      const response = await request.get(url.href);
      expect(response.status()).toBe(200);
      expect(Buffer.from(await response.body()).equals(await bucket.bytes(key))).toBe(true);
    }
  } finally {
    await bucket.close();
  }
});

test("the history keeps every upload across a restart, finds by name and date, copies links, and removes with the objects once confirmed", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "picops-history-"));
  const first = await startWebHost(dataDir);
  const folder = await pictureFolder({ "harbour.jpg": "#225588", "meadow.jpg": "#448822" });
  try {
    await page.goto(first.url);
    await uploadWithRule(
      page,
      folder,
      ["harbour.jpg", "meadow.jpg"],
      "imageMogr2/thumbnail/200x",
      "{name}_w200.{ext}",
    );
  } finally {
    await stop(first);
  }

  const second = await startWebHost(dataDir);
  try {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: second.origin });
    await page.goto(second.url);
    await page.getByRole("tab", { name: "History" }).click();
    const entries = page.getByTestId("history-entry");
    await expect(entries).toHaveCount(2);
    await expect(entries.filter({ hasText: "harbour.jpg" })).toContainText("harbour_w200.jpg");

    await page.getByLabel("Search by name or key").fill("meadow");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(entries).toHaveCount(1);
    await expect(entries).toContainText("meadow.jpg");
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
    const day = (date: Date) =>
      `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
    await page.getByLabel("Search by name or key").fill("");
    await page.getByLabel("From date", { exact: true }).fill(day(tomorrow));
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByText("Nothing uploaded matches.")).toBeVisible();
    await page.getByLabel("From date", { exact: true }).fill(day(new Date()));
    await page.getByLabel("To date", { exact: true }).fill(day(new Date()));
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(entries).toHaveCount(2);

    await page.getByLabel("Select harbour.jpg").check();
    const menu = page.getByTestId("links-menu");
    await menu.getByLabel("Link format").selectOption({ label: "Markdown" });
    await menu.getByRole("button", { name: "Copy links" }).click();
    await expect(menu.getByTestId("links-outcome")).toHaveText("Copied 1 link");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
      /^!\[harbour\]\(http\S+\/harbour\.jpg\)$/,
    );

    await page.getByRole("button", { name: "Remove and delete from the bucket…" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Delete these objects from the bucket?" });
    await expect(confirm).toContainText("2 objects are deleted for good");
    await expect(confirm.getByRole("listitem")).toHaveText([
      "picops-1250000000/harbour.jpg",
      "picops-1250000000/harbour_w200.jpg",
    ]);
    await expect(confirm.getByRole("button", { name: "Keep them" })).toBeFocused();
    await confirm.getByRole("button", { name: "Delete and remove" }).click();
    await expect(page.getByTestId("history-removal")).toHaveText("Removed 1 entry");
    await expect(entries).toHaveCount(1);

    await page.getByLabel("Select meadow.jpg").check();
    await page.getByRole("button", { name: "Remove from history" }).click();
    await expect(page.getByText("Nothing uploaded matches.")).toBeVisible();

    const bucket = await openLocalBucket(dataDir);
    try {
      expect(await bucket.keys()).toEqual(["meadow.jpg", "meadow_w200.jpg"]);
    } finally {
      await bucket.close();
    }
  } finally {
    await stop(second);
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("the same file twice: the plan says already there and skips it, flags identical files in the batch, and uploads anyway when asked", async ({
  page,
  webHost,
}) => {
  const folder = await pictureFolder({ "harbour.jpg": "#225588" });
  await copyFile(path.join(folder, "harbour.jpg"), path.join(folder, "harbour-copy.jpg"));
  await page.goto(webHost.url);
  const picker = page.getByTestId("file-input");
  await picker.setInputFiles(path.join(folder, "harbour.jpg"));
  await page.getByRole("button", { name: "Review plan" }).click();
  await page.getByRole("button", { name: "Upload 1 file" }).click();
  await expect(page.getByTestId("batch-totals")).toContainText("1 of 1 file (1 done, 0 failed)", {
    timeout: BATCH_TIMEOUT,
  });

  await picker.setInputFiles(["harbour.jpg", "harbour-copy.jpg"].map((name) => path.join(folder, name)));
  await expect(page.getByTestId("intake-file")).toHaveCount(2);
  await page.getByRole("button", { name: "Review plan" }).click();
  const warnings = page.getByTestId("plan-warning");
  // The copy sorts first, so the original is the one flagged as its twin.
  await expect(warnings).toHaveCount(2);
  await expect(
    warnings.filter({
      hasText: "Already in the bucket with these very bytes, so it is skipped: picops-1250000000/harbour.jpg",
    }),
  ).toHaveCount(1);
  await expect(
    warnings.filter({
      hasText: "Same bytes as harbour-copy.jpg in this batch: picops-1250000000/harbour.jpg",
    }),
  ).toHaveCount(1);
  await page.getByRole("button", { name: "Upload 2 files" }).click();
  await expect(page.getByTestId("batch-totals")).toContainText("1 of 1 file (1 done, 0 failed)", {
    timeout: BATCH_TIMEOUT,
  });
  await expect(page.getByTestId("batch-item")).toHaveText(/harbour-copy\.jpg/);

  await picker.setInputFiles(path.join(folder, "harbour.jpg"));
  await page
    .getByLabel("Upload files the bucket already has with the same bytes (skipped otherwise)")
    .check();
  await page.getByRole("button", { name: "Review plan" }).click();
  await expect(warnings).toHaveText(
    "Already in the bucket with these very bytes; uploaded again as chosen: picops-1250000000/harbour.jpg",
  );
  await page.getByRole("button", { name: "Upload 1 file" }).click();
  await expect(page.getByTestId("batch-item")).toHaveText(/harbour\.jpg/);
  await expect(page.getByTestId("batch-totals")).toContainText("1 of 1 file (1 done, 0 failed)", {
    timeout: BATCH_TIMEOUT,
  });

  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    expect(await bucket.keys()).toEqual(["harbour-copy.jpg", "harbour.jpg"]);
  } finally {
    await bucket.close();
  }
});

test("Quick upload: a pasted picture goes straight to the bucket with the default of the longest matching prefix, and its link is copied", async ({
  page,
  context,
  webHost,
}) => {
  await allowClipboard(context, webHost);
  await page.goto(webHost.url);
  await page.getByRole("tab", { name: "Rules" }).click();
  await page.getByLabel("Rule text").fill("imageMogr2/thumbnail/160x/format/webp");
  await page.getByLabel("Preset name").fill("Blog 160");
  await page.getByRole("button", { name: "Save as preset" }).click();
  await expect(page.getByTestId("preset")).toContainText("Blog 160");
  await page.getByRole("tab", { name: "Upload" }).click();

  const panel = page.getByTestId("quick-panel");
  await panel.getByText("Defaults of Local bucket").click();
  const whole = panel.getByRole("group", { name: "The whole connection" });
  await whole.getByLabel("Key template").fill("{name}.{ext}");
  await whole.getByRole("button", { name: "Save default" }).click();
  await expect(whole.getByRole("status")).toHaveText("Saved.");
  await panel.getByLabel("Add a default for the prefix").fill("blog/");
  await panel.getByRole("button", { name: "Add", exact: true }).click();
  const blog = panel.getByRole("group", { name: "Under blog/" });
  await blog.getByLabel("Preset applied at upload").selectOption({ label: "Blog 160" });
  await blog.getByLabel("Key template").fill("{name}.{ext}");
  await blog.getByLabel("Name of the processed output").fill("{name}_160.{format}");
  await blog.getByRole("button", { name: "Save default" }).click();
  await expect(blog.getByRole("status")).toHaveText("Saved.");

  await panel.getByLabel(/^Quick upload:/).check();
  await panel.getByLabel("Copy links as").selectOption({ label: "Markdown" });
  await page.getByLabel("Key prefix", { exact: true }).fill("blog/2026/");
  await page.getByLabel("Pasted pictures are named").fill("cover.png");
  await pasteScreenshot(page, await picture("#663399"));
  await expect(panel.getByTestId("quick-outcome")).toHaveText(
    "Uploaded 1 file; its link is on the clipboard.",
  );
  expect(await clipboardText(page)).toMatch(/^!\[cover_160\]\(http\S+\/blog\/2026\/cover_160\.webp\)$/);
  // Quick upload leaves the upload list alone.
  await expect(page.getByTestId("intake-file")).toHaveCount(0);

  await page.getByLabel("Key prefix", { exact: true }).fill("photos/");
  await page.getByLabel("Pasted pictures are named").fill("plain.png");
  await pasteScreenshot(page, await picture("#996633"));
  await expect(panel.getByTestId("quick-outcome")).toHaveText(
    "Uploaded 1 file; its link is on the clipboard.",
  );
  await expect.poll(() => clipboardText(page)).toMatch(/^!\[plain\]\(http\S+\/photos\/plain\.png\)$/);

  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    expect(await bucket.keys()).toEqual([
      "blog/2026/cover.png",
      "blog/2026/cover_160.webp",
      "photos/plain.png",
    ]);
    expect(await bucket.image("blog/2026/cover_160.webp")).toMatchObject({ format: "webp", width: 160 });
  } finally {
    await bucket.close();
  }
});

test("with Quick upload off, a pasted picture fills the untouched rules with its prefix's default preset, and the upload lands with that preset's output", async ({
  page,
  context,
  webHost,
}) => {
  await allowClipboard(context, webHost);
  await page.goto(webHost.url);
  await page.getByRole("tab", { name: "Rules" }).click();
  await page.getByLabel("Rule text").fill("imageMogr2/thumbnail/160x/format/webp");
  await page.getByLabel("Preset name").fill("Web 160");
  await page.getByRole("button", { name: "Save as preset" }).click();
  await expect(page.getByTestId("preset")).toContainText("Web 160");
  await page.getByRole("tab", { name: "Upload" }).click();

  const panel = page.getByTestId("quick-panel");
  await panel.getByText("Defaults of Local bucket").click();
  await panel.getByLabel("Add a default for the prefix").fill("photos/");
  await panel.getByRole("button", { name: "Add", exact: true }).click();
  const photos = panel.getByRole("group", { name: "Under photos/" });
  await photos.getByLabel("Preset applied at upload").selectOption({ label: "Web 160" });
  await photos.getByLabel("Name of the processed output").fill("{name}_web.{format}");
  await photos.getByRole("button", { name: "Save default" }).click();
  await expect(photos.getByRole("status")).toHaveText("Saved.");
  await expect(panel.getByLabel(/^Quick upload:/)).not.toBeChecked();

  await page.getByLabel("Key prefix", { exact: true }).fill("photos/2026/");
  await page.getByLabel("Pasted pictures are named").fill("dune.png");
  await pasteScreenshot(page, await picture("#aa8844"));
  await expect(page.getByTestId("intake-file")).toContainText("dune.png");

  await expect(page.getByTestId("default-applied")).toContainText("Default for photos/: Web 160 applied");
  await expect(page.getByLabel("Rule 1")).toHaveValue("imageMogr2/thumbnail/160x/format/webp");
  await expect(page.getByLabel("Output name")).toHaveValue("{name}_web.{format}");
  await expect(page.getByRole("button", { name: "Undo the default (Ctrl+Z / ⌘Z)" })).toBeVisible();

  await page.getByRole("button", { name: "Review plan" }).click();
  await expect(page.getByTestId("plan-row")).toContainText("photos/2026/dune_web.webp");
  await page.getByRole("button", { name: "Upload 1 file" }).click();
  await expect(page.getByTestId("batch-state")).toHaveText("Finished", { timeout: BATCH_TIMEOUT });

  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    expect(await bucket.keys()).toEqual(["photos/2026/dune.png", "photos/2026/dune_web.webp"]);
    expect(await bucket.image("photos/2026/dune.png")).toMatchObject({
      format: "png",
      width: 320,
      height: 200,
    });
    expect(await bucket.image("photos/2026/dune_web.webp")).toMatchObject({
      format: "webp",
      width: 160,
      height: 100,
    });
  } finally {
    await bucket.close();
  }
});
