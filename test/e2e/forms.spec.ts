import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { expect, startWebHost, test } from "./web-host-fixture";

/** A 1200×800 JPEG and a three-frame 40×30 GIF, in a folder of their own. */
async function makePictures(): Promise<{ jpeg: string; gif: string }> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "picops-forms-"));
  const jpeg = path.join(folder, "harbour.jpg");
  await writeFile(
    jpeg,
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#3a6ea5" } })
      .jpeg()
      .toBuffer(),
  );
  const [width, height] = [40, 30];
  const strip = Buffer.alloc(width * height * 3 * 3);
  [0xd0, 0x30, 0x90].forEach((red, frame) => {
    for (let i = frame * width * height; i < (frame + 1) * width * height; i++)
      strip.set([red, 80, 40], i * 3);
  });
  const gif = path.join(folder, "spinner.gif");
  await writeFile(
    gif,
    await sharp(strip, { raw: { width, height: height * 3, channels: 3, pageHeight: height } })
      .gif({ delay: [100, 100, 100], loop: 0 })
      .toBuffer(),
  );
  return { jpeg, gif };
}

/** Resolves once the main process has kept a draft of the upload form that includes `text`. */
function draftSaved(page: Page, text: string): Promise<unknown> {
  return page.waitForResponse(
    (response) =>
      response.url().includes("/api/call/forms.saveDraft") &&
      (response.request().postData() ?? "").includes(JSON.stringify(text).slice(1, -1)),
  );
}

test("the upload form survives a reload: prefix, rules and output names are all still there", async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url);
  await page.getByLabel("Key prefix").fill("shoots/2026/");
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Rule 1", { exact: true }).fill("imageMogr2/thumbnail/800x/format/webp");
  await page.getByLabel("Output name").nth(0).fill("{name}_w800.{format}");
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Rule 2", { exact: true }).fill("imageMogr2/thumbnail/200x200/format/png");
  const saved = draftSaved(page, "thumbs/{name}_square.{format}");
  await page.getByLabel("Output name").nth(1).fill("thumbs/{name}_square.{format}");
  await saved;

  const draftAsked = page.waitForResponse((response) => response.url().includes("/api/call/forms.drafts"));
  await page.reload();
  await draftAsked;
  await expect(page.getByLabel("Key prefix")).toHaveValue("shoots/2026/");
  await expect(page.getByLabel("Rule 1", { exact: true })).toHaveValue(
    "imageMogr2/thumbnail/800x/format/webp",
  );
  await expect(page.getByLabel("Rule 2", { exact: true })).toHaveValue(
    "imageMogr2/thumbnail/200x200/format/png",
  );
  await expect(page.getByLabel("Output name").nth(0)).toHaveValue("{name}_w800.{format}");
  await expect(page.getByLabel("Output name").nth(1)).toHaveValue("thumbs/{name}_square.{format}");
});

test("Alt+P goes to a rule slot's presets; a preset names its outputs after itself", async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url);
  // A saved preset, as the Rules tab saves one.
  await page.evaluate(async () => {
    const token = sessionStorage.getItem("picops.token") ?? "";
    const response = await fetch("/api/call/presets.save", {
      method: "POST",
      headers: { "Content-Type": "application/json", "x-picops-token": token },
      body: JSON.stringify({ name: "Thumbnail 800", rule: "imageMogr2/thumbnail/800x/format/webp" }),
    });
    if (!(await response.json()).ok) throw new Error("the preset was not saved");
  });
  // Saved behind the page's back, its presets.changed may come before the page's event socket
  // is open: the page reads the presets afresh when it loads.
  await page.reload();

  await page.keyboard.press("Alt+P");
  const picker = page.getByLabel("Presets for slot 1");
  await expect(picker).toBeFocused();
  await picker.selectOption({ label: "Thumbnail 800" });
  await expect(page.getByLabel("Rule 1", { exact: true })).toHaveValue(
    "imageMogr2/thumbnail/800x/format/webp",
  );
  await expect(page.getByLabel("Output name")).toHaveValue("{name}_thumbnail-800.{format}");
});

test("focus moves to the next step after Choose images, Review plan and Upload", async ({
  page,
  webHost,
}) => {
  const pictures = await makePictures();
  await page.goto(webHost.url);
  await page.getByTestId("file-input").setInputFiles([pictures.jpeg]);
  const review = page.getByRole("button", { name: "Review plan" });
  await expect(review).toBeFocused();
  await page.keyboard.press("Enter");
  const start = page.getByRole("button", { name: "Upload 1 file" });
  await expect(start).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Upload", exact: true })).toBeFocused();
  await expect(page.getByTestId("batch-state")).toHaveText("Finished", { timeout: 60_000 });
});

test("the upload list shows thumbnails, pixel sizes and which file is animated", async ({
  page,
  webHost,
}) => {
  const pictures = await makePictures();
  await page.goto(webHost.url);
  await page.getByTestId("file-input").setInputFiles([pictures.jpeg, pictures.gif]);
  const row = (name: string) => page.getByTestId("intake-file").filter({ hasText: name });

  await expect(row("harbour.jpg").getByTestId("intake-pixels")).toHaveText("1200×800 px");
  await expect(row("spinner.gif").getByTestId("intake-pixels")).toHaveText("40×30 px");
  await expect(row("spinner.gif").getByTestId("intake-animated")).toHaveText("Animated");
  await expect(row("harbour.jpg").getByTestId("intake-animated")).toHaveCount(0);
  for (const name of ["harbour.jpg", "spinner.gif"]) {
    const thumbnail = row(name).getByTestId("intake-thumbnail");
    await expect(thumbnail).toBeVisible();
    // A real picture, shaped like the file: landscape for both.
    await expect
      .poll(() =>
        thumbnail.evaluate((image: HTMLImageElement) => [
          image.naturalWidth > image.naturalHeight,
          image.naturalWidth > 0,
        ]),
      )
      .toEqual([true, true]);
  }
});

test("the bucket-processing form survives a reload", async ({ page, webHost }) => {
  const openBucket = async () => {
    await page.getByRole("tab", { name: "Bucket" }).click();
    await page.getByRole("button", { name: "Open", exact: true }).click();
  };
  await page.goto(webHost.url);
  await openBucket();
  await page.getByLabel("Rule 1", { exact: true }).fill("imageMogr2/thumbnail/200x/format/png");
  const saved = draftSaved(page, "/half/{name}_200.png");
  await page.getByLabel("Output name").fill("/half/{name}_200.png");
  await saved;

  await page.reload();
  await openBucket();
  await expect(page.getByLabel("Rule 1", { exact: true })).toHaveValue(
    "imageMogr2/thumbnail/200x/format/png",
  );
  await expect(page.getByLabel("Output name")).toHaveValue("/half/{name}_200.png");
});

/** Stops a host this spec started itself, and waits until it has exited. */
async function stop(host: Awaited<ReturnType<typeof startWebHost>>): Promise<void> {
  host.process.kill("SIGTERM");
  await new Promise((resolve) => host.process.once("exit", resolve));
}

test("the upload form and the bucket-processing form survive a restart of the app", async ({ page }) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "picops-forms-restart-"));
  const openBucket = async () => {
    await page.getByRole("tab", { name: "Bucket" }).click();
    await page.getByRole("button", { name: "Open", exact: true }).click();
  };
  const first = await startWebHost(dataDir);
  try {
    await page.goto(first.url);
    await page.getByLabel("Key prefix").fill("shoots/2026/");
    await page.getByRole("button", { name: "Add a rule" }).click();
    await page.getByLabel("Rule 1", { exact: true }).fill("imageMogr2/thumbnail/800x/format/webp");
    await page.getByLabel("Output name").nth(0).fill("{name}_w800.{format}");
    await page.getByRole("button", { name: "Add a rule" }).click();
    await page.getByLabel("Rule 2", { exact: true }).fill("imageMogr2/thumbnail/200x200/format/png");
    const uploadSaved = draftSaved(page, "thumbs/{name}_square.{format}");
    await page.getByLabel("Output name").nth(1).fill("thumbs/{name}_square.{format}");
    await uploadSaved;

    await openBucket();
    await page.getByLabel("Rule 1", { exact: true }).fill("imageMogr2/thumbnail/200x/format/png");
    const processingSaved = draftSaved(page, "/half/{name}_200.png");
    await page.getByLabel("Output name").fill("/half/{name}_200.png");
    await processingSaved;
  } finally {
    await stop(first);
  }

  const second = await startWebHost(dataDir);
  try {
    await page.goto(second.url);
    await expect(page.getByLabel("Key prefix")).toHaveValue("shoots/2026/");
    await expect(page.getByLabel("Rule 1", { exact: true })).toHaveValue(
      "imageMogr2/thumbnail/800x/format/webp",
    );
    await expect(page.getByLabel("Rule 2", { exact: true })).toHaveValue(
      "imageMogr2/thumbnail/200x200/format/png",
    );
    await expect(page.getByLabel("Output name").nth(0)).toHaveValue("{name}_w800.{format}");
    await expect(page.getByLabel("Output name").nth(1)).toHaveValue("thumbs/{name}_square.{format}");

    await openBucket();
    await expect(page.getByLabel("Rule 1", { exact: true })).toHaveValue(
      "imageMogr2/thumbnail/200x/format/png",
    );
    await expect(page.getByLabel("Output name")).toHaveValue("/half/{name}_200.png");
  } finally {
    await stop(second);
    await rm(dataDir, { recursive: true, force: true });
  }
});
