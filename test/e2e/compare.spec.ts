/// <reference lib="dom" />
import { access, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import sharp from "sharp";
import { openLocalBucket } from "./bucket-reader";
import { expect, test } from "./web-host-fixture";

const PHOTO = "blocks.jpg";

/**
 * A 1600×1200 (4:3) photo of 100 px blocks in unrelated colours: any two parts of it look
 * different, so a downscaled signature tells which part of the scene a view shows.
 */
async function makePhoto(): Promise<string> {
  const width = 1600;
  const height = 1200;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const block = Math.floor(x / 100) * 31 + Math.floor(y / 100) * 17;
      const offset = (y * width + x) * 3;
      pixels[offset] = (block * 97) % 256;
      pixels[offset + 1] = (block * 57 + 80) % 256;
      pixels[offset + 2] = (block * 151 + 30) % 256;
    }
  }
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "picops-compare-e2e-")), PHOTO);
  const jpeg = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
  await writeFile(file, jpeg);
  return file;
}

/** Adds the photo, the upload rules, and picks the photo for the preview. */
async function previewUpload(page: Page, url: string, rules: string[]): Promise<Locator> {
  await page.goto(url);
  await page.getByTestId("file-input").setInputFiles(await makePhoto());
  for (const [index, rule] of rules.entries()) {
    await page.getByRole("button", { name: "Add a rule" }).click();
    await page.getByLabel(`Rule ${index + 1}`, { exact: true }).fill(rule);
  }
  await page.getByRole("button", { name: `Preview ${PHOTO}` }).click();
  return page.getByTestId("preview");
}

/** Waits until every picture in the preview has loaded. */
async function picturesLoaded(preview: Locator): Promise<void> {
  await expect
    .poll(() =>
      preview
        .locator("img")
        .evaluateAll(
          (all: HTMLImageElement[]) =>
            all.length > 0 && all.every((img) => img.complete && img.naturalWidth > 0),
        ),
    )
    .toBe(true);
}

/**
 * A frame's picture reduced to 8×8 grey levels: which part of the scene it shows, not its fine
 * detail. `mirrored`: of the frame as it would look mirrored left to right.
 */
async function signature(frame: Locator, { mirrored = false } = {}): Promise<number[]> {
  const shot = sharp(await frame.screenshot({ animations: "disabled" }));
  const grey = await (mirrored ? shot.flop() : shot)
    .greyscale()
    .resize(8, 8, { fit: "fill" })
    .raw()
    .toBuffer();
  return [...grey];
}

function distance(a: number[], b: number[]): number {
  return a.reduce((sum, value, index) => sum + Math.abs(value - (b[index] ?? 0)), 0) / a.length;
}

test("at 100 % side by side, a resized output shows the same part of the scene as the original, wherever it is panned", async ({
  page,
  webHost,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const preview = await previewUpload(page, webHost.url, ["imageMogr2/thumbnail/400x/format/png"]);
  await expect(preview.getByTestId("preview-after-readout")).toContainText("400×300");
  await preview.getByRole("radio", { name: "Side by side" }).check();
  await preview.getByRole("radio", { name: "100 %" }).check();
  await picturesLoaded(preview);
  const before = preview.getByRole("region", { name: "Before" });
  const after = preview.getByRole("region", { name: "After" });

  const middle = await signature(before);
  expect(distance(middle, await signature(after))).toBeLessThan(12);

  // Panning one side pans the other: both now show the top-left corner.
  await before.evaluate((frame) => frame.scrollTo(0, 0));
  await expect.poll(() => after.evaluate((frame) => [frame.scrollLeft, frame.scrollTop])).toEqual([0, 0]);
  const corner = await signature(before);
  expect(distance(corner, await signature(after))).toBeLessThan(12);
  // The signature tells parts of the scene apart: the checks above could have failed.
  expect(distance(middle, corner)).toBeGreaterThan(20);
});

test("at 100 % side by side, a flipped output is mirrored back: both sides show the same part of the scene", async ({
  page,
  webHost,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const preview = await previewUpload(page, webHost.url, ["imageMogr2/flip/horizontal/format/png"]);
  await expect(preview.getByTestId("preview-after-readout")).toContainText("1600×1200");
  await expect(preview.getByTestId("preview-after-readout")).toContainText("PNG");
  await preview.getByRole("radio", { name: "Side by side" }).check();
  await preview.getByRole("radio", { name: "100 %" }).check();
  await picturesLoaded(preview);
  const before = preview.getByRole("region", { name: "Before" });
  const after = preview.getByRole("region", { name: "After" });
  await before.evaluate((frame) => frame.scrollTo(0, 0));
  await expect.poll(() => after.evaluate((frame) => [frame.scrollLeft, frame.scrollTop])).toEqual([0, 0]);

  const original = await signature(before);
  expect(distance(original, await signature(after))).toBeLessThan(12);
  // The view is not symmetric: drawn as the engine wrote it, unmirrored, the check above would fail.
  expect(distance(original, await signature(before, { mirrored: true }))).toBeGreaterThan(20);
  await expect(preview.getByTestId("preview-kept-region")).toHaveCount(0);
});

test("at 400 % the slider's divider stays in view, wherever the picture is panned", async ({
  page,
  webHost,
}) => {
  const preview = await previewUpload(page, webHost.url, ["imageMogr2/thumbnail/400x/format/png"]);
  await preview.getByRole("radio", { name: "400 %" }).check();
  await picturesLoaded(preview);
  const area = await preview.getByTestId("preview-comparison").boundingBox();
  const divider = preview.getByRole("slider", { name: "Before/after divider" });
  const after = preview.getByRole("region", { name: "After" });
  for (const corner of [
    [0, 0],
    [100_000, 100_000],
  ] as const) {
    await after.evaluate((frame, [left, top]) => frame.scrollTo(left, top), corner);
    const box = await divider.boundingBox();
    if (!area || !box) throw new Error("the comparison is not laid out");
    // Half way across the view, not half way across the 6400 px scene.
    expect(Math.abs(box.x - (area.x + area.width / 2))).toBeLessThan(4);
    await expect(divider).toBeInViewport();
  }
});

test("with two rules, a contact sheet shows both outputs of the file; one is picked to compare", async ({
  page,
  webHost,
}) => {
  const preview = await previewUpload(page, webHost.url, [
    "imageMogr2/thumbnail/400x/format/png",
    "imageMogr2/thumbnail/200x/format/webp",
  ]);
  const items = preview.getByTestId("contact-sheet-item");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText("{name}_1.{format}");
  await expect(items.nth(0).getByTestId("contact-sheet-facts")).toContainText("PNG · 400×300");
  await expect(items.nth(1).getByTestId("contact-sheet-facts")).toContainText("WEBP · 200×150");
  await expect(items.nth(1).getByTestId("contact-sheet-facts")).toContainText("−");
  await expect(preview.getByTestId("preview-rule")).toContainText("Rule 1 → {name}_1.{format}");

  await items.nth(1).click();
  await expect(items.nth(1)).toHaveAttribute("aria-pressed", "true");
  await expect(preview.getByTestId("preview-rule")).toContainText("Rule 2 → {name}_2.{format}");
  await expect(preview.getByTestId("preview-after-readout")).toContainText("WEBP");
  await expect(preview.getByTestId("preview-after-readout")).toContainText("200×150");
});

test("a rule slot's Preview shows that rule alone and names the output it writes", async ({
  page,
  webHost,
}) => {
  const preview = await previewUpload(page, webHost.url, [
    "imageMogr2/thumbnail/400x/format/png",
    "imageMogr2/thumbnail/200x/format/webp",
  ]);
  await expect(preview.getByTestId("contact-sheet-item")).toHaveCount(2);
  await page.getByLabel("Output name", { exact: true }).nth(1).fill("avatars/{name}.{format}");
  await page.getByRole("button", { name: "Preview output 2" }).click();
  await expect(preview.getByTestId("contact-sheet")).toHaveCount(0);
  await expect(preview.getByTestId("preview-fileid")).toHaveText("avatars/{name}.{format}");
  await expect(preview.getByTestId("preview-rule")).toContainText("Rule 2");
  await expect(preview.getByTestId("preview-after-readout")).toContainText("200×150");

  // The slot is followed as it is edited.
  await page.getByLabel("Rule 2", { exact: true }).fill("imageMogr2/thumbnail/100x/format/webp");
  await expect(preview.getByTestId("preview-after-readout")).toContainText("100×75");

  // The Rules tab previews its own draft, and leaving it brings the slot back.
  await page.getByRole("tab", { name: "Rules" }).click();
  await expect(preview.getByTestId("preview-rule")).toContainText("Draft from the Rules tab");
  await page.getByRole("tab", { name: "Upload" }).click();
  await expect(preview.getByTestId("preview-fileid")).toHaveText("avatars/{name}.{format}");
});

test("a rule slot's Preview keeps following its slot after the Upload tab is left and shown again", async ({
  page,
  webHost,
}) => {
  const preview = await previewUpload(page, webHost.url, ["imageMogr2/thumbnail/400x/format/png"]);
  const slotPreview = page.getByRole("button", { name: "Preview output 1" });
  await slotPreview.click();
  await expect(preview.getByTestId("preview-after-readout")).toContainText("400×300");

  // The Upload tab's form is unmounted and mounted again: it is still the form that owns the preview.
  await page.getByRole("tab", { name: "History" }).click();
  await expect(slotPreview).toHaveCount(0);
  await page.getByRole("tab", { name: "Upload" }).click();
  await expect(slotPreview).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("Rule 1", { exact: true }).fill("imageMogr2/thumbnail/320x/format/webp");
  await expect(preview.getByTestId("preview-after-readout")).toContainText("320×240");
  await expect(preview.getByTestId("preview-after-readout")).toContainText("WEBP");
  await expect(preview.getByTestId("preview-rule")).toContainText("imageMogr2/thumbnail/320x/format/webp");
});

test("a square crop of a 4:3 photo outlines the kept region on the original, and the output lies over it", async ({
  page,
  webHost,
}) => {
  const preview = await previewUpload(page, webHost.url, ["imageMogr2/thumbnail/!300x300r/crop/300x300"]);
  await expect(preview.getByTestId("preview-after-readout")).toContainText("300×300");
  await picturesLoaded(preview);
  const region = preview.getByTestId("preview-kept-region");
  await expect(region).toBeVisible();
  const scene = preview.getByTestId("preview-scene").first();
  const sceneBox = await scene.boundingBox();
  const regionBox = await region.boundingBox();
  const afterBox = await preview.getByTestId("preview-after-image").boundingBox();
  if (!sceneBox || !regionBox || !afterBox) throw new Error("the comparison is not laid out");
  // The middle square: an eighth of the width cut on each side, the whole height kept.
  expect(Math.abs(regionBox.x - sceneBox.x - sceneBox.width / 8)).toBeLessThan(2);
  expect(Math.abs(regionBox.width - (sceneBox.width * 3) / 4)).toBeLessThan(2);
  expect(Math.abs(regionBox.height - sceneBox.height)).toBeLessThan(2);
  for (const key of ["x", "y", "width", "height"] as const) {
    expect(Math.abs(afterBox[key] - regionBox[key])).toBeLessThan(2);
  }
});

test("a turned output is turned back over the original; a crop of it outlines the strip it keeps; a smart crop says its region is unknown", async ({
  page,
  webHost,
}) => {
  const preview = await previewUpload(page, webHost.url, ["imageMogr2/rotate/90/format/png"]);
  const readout = preview.getByTestId("preview-after-readout");
  await expect(readout).toContainText("1200×1600");
  await preview.getByRole("radio", { name: "Side by side" }).check();
  await picturesLoaded(preview);
  // Turned back a quarter, the output shows the scene as the original does, and nothing is outlined.
  const before = preview.getByRole("region", { name: "Before" });
  const after = preview.getByRole("region", { name: "After" });
  expect(distance(await signature(before), await signature(after))).toBeLessThan(12);
  await expect(preview.getByTestId("preview-kept-region")).toHaveCount(0);

  // The top 400 px of the turned picture are the photo's left quarter.
  await page.getByLabel("Rule 1", { exact: true }).fill("imageMogr2/rotate/90/gravity/north/crop/1200x400");
  await expect(readout).toContainText("1200×400");
  await preview.getByRole("radio", { name: "Slider" }).check();
  await picturesLoaded(preview);
  const region = preview.getByTestId("preview-kept-region");
  await expect(region).toBeVisible();
  const sceneBox = await preview.getByTestId("preview-scene").first().boundingBox();
  const regionBox = await region.boundingBox();
  const afterBox = await preview.getByTestId("preview-after-image").boundingBox();
  if (!sceneBox || !regionBox || !afterBox) throw new Error("the comparison is not laid out");
  expect(Math.abs(regionBox.x - sceneBox.x)).toBeLessThan(2);
  expect(Math.abs(regionBox.width - sceneBox.width / 4)).toBeLessThan(2);
  expect(Math.abs(regionBox.height - sceneBox.height)).toBeLessThan(2);
  for (const key of ["x", "y", "width", "height"] as const) {
    expect(Math.abs(afterBox[key] - regionBox[key])).toBeLessThan(2);
  }

  await page.getByLabel("Rule 1", { exact: true }).fill("imageMogr2/scrop/300x300");
  await expect(readout).toContainText("300×300");
  await expect(preview.getByTestId("preview-region-unknown")).toContainText("not known here");
  await expect(preview.getByTestId("preview-kept-region")).toHaveCount(0);
});

test("a bucket style that crops outlines the region its own rule keeps when COS makes the output", async ({
  page,
  webHost,
}) => {
  test.setTimeout(120_000);
  await page.goto(webHost.url);
  await page.getByRole("tab", { name: "Bucket" }).click();
  // The Bucket tab starts the Local bucket in a process of its own; it writes its address once it listens.
  const address = path.join(webHost.dataDir, "local-bucket", "address.json");
  await expect
    .poll(
      () =>
        access(address).then(
          () => true,
          () => false,
        ),
      { timeout: 45_000 },
    )
    .toBe(true);
  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    const name = "picops-1250000000";
    await bucket.client.putObject({ bucket: name, key: PHOTO, body: await readFile(await makePhoto()) });
    await bucket.client.putStyle({
      bucket: name,
      name: "square",
      body: "imageMogr2/thumbnail/!300x300r/crop/300x300",
    });
  } finally {
    await bucket.close();
  }
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await page.locator(`[data-testid="entry"][data-key="${PHOTO}"]`).click();
  await page.getByLabel("Rule 1", { exact: true }).fill("style/square");
  const preview = page.getByTestId("preview");
  await preview.getByRole("radio", { name: "COS", exact: true }).check();
  await expect(preview.getByTestId("preview-after-readout")).toContainText("300×300");
  await picturesLoaded(preview);

  const region = preview.getByTestId("preview-kept-region");
  await expect(region).toBeVisible();
  await expect(preview.getByTestId("preview-region-unknown")).toHaveCount(0);
  const sceneBox = await preview.getByTestId("preview-scene").first().boundingBox();
  const regionBox = await region.boundingBox();
  const afterBox = await preview.getByTestId("preview-after-image").boundingBox();
  if (!sceneBox || !regionBox || !afterBox) throw new Error("the comparison is not laid out");
  // The style's middle square: an eighth of the width cut on each side, the whole height kept.
  expect(Math.abs(regionBox.x - sceneBox.x - sceneBox.width / 8)).toBeLessThan(2);
  expect(Math.abs(regionBox.width - (sceneBox.width * 3) / 4)).toBeLessThan(2);
  expect(Math.abs(regionBox.height - sceneBox.height)).toBeLessThan(2);
  for (const key of ["x", "y", "width", "height"] as const) {
    expect(Math.abs(afterBox[key] - regionBox[key])).toBeLessThan(2);
  }
});

test("the picture is the centre: at 1440×900 the image area takes at least half the window's width", async ({
  page,
  webHost,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const preview = await previewUpload(page, webHost.url, ["imageMogr2/thumbnail/400x/format/png"]);
  await picturesLoaded(preview);
  const area = await preview.getByTestId("preview-comparison").boundingBox();
  expect(area?.width ?? 0).toBeGreaterThanOrEqual(720);
  // The rule steps and the file list stay beside it, not below it.
  const files = await page.getByTestId("intake-list").boundingBox();
  expect((files?.x ?? 0) + (files?.width ?? 0)).toBeLessThanOrEqual(area?.x ?? 0);
});

test("the studio passes axe in the light and the dark theme, and the theme is remembered", async ({
  page,
  webHost,
}) => {
  const preview = await previewUpload(page, webHost.url, [
    "imageMogr2/thumbnail/400x/format/png",
    "imageMogr2/thumbnail/!300x300r/crop/300x300",
  ]);
  await expect(preview.getByTestId("contact-sheet-item")).toHaveCount(2);
  await picturesLoaded(preview);
  const problems: string[] = [];
  for (const theme of ["Light", "Dark"]) {
    await page.getByLabel("Theme").selectOption({ label: theme });
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme.toLowerCase());
    const { violations } = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .setLegacyMode(true)
      .analyze();
    for (const violation of violations) {
      if (violation.impact === "serious" || violation.impact === "critical") {
        problems.push(
          `${theme}: ${violation.id} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
        );
      }
    }
  }
  expect(problems, problems.join("\n")).toEqual([]);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByLabel("Theme")).toHaveValue("dark");
});
