/// <reference lib="dom" />
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import "../../renderer/app/catalog";
import { type Language, translatorFor } from "../../renderer/i18n/translate";
import { sceneImage } from "../fixtures/images";
import { openLocalBucket } from "./bucket-reader";
import type { RunningWebHost } from "./web-host-fixture";

/**
 * The app brought to each of its main screens in a realistic state — files in the intake
 * list, a finished batch, a rule with several steps, a bucket full of pictures — for the
 * accessibility, language and screenshot specs, which walk the same tour.
 */

export type { Language };

/** Each main screen once; a state that contains an earlier one (the list view is part of "process") is not repeated. */
export type ScreenName =
  | "preview"
  | "upload-plan"
  | "upload-results"
  | "bucket-grid"
  | "process"
  | "rules"
  | "cos-profile";

/** Pictures added to the upload, and a text file that intake keeps out. */
export const UPLOADED_FILES = ["harbour.jpg", "meadow.jpg", "dunes.jpg", "lagoon.png"];
export const REFUSED_FILE = "notes.png";
export const UPLOAD_PREFIX = "studio/";
export const UPLOAD_RULE = "imageMogr2/thumbnail/400x/format/webp";
/** Sent as `x-cos-meta-field1` with every upload. */
export const METADATA_VALUE = "spring-catalogue";
export const BUCKET = "picops-1250000000";
/** Objects put straight into the Local bucket for the browser. */
export const GALLERY_KEYS = Array.from(
  { length: 12 },
  (_, i) => `gallery/sunset-${String(i + 1).padStart(2, "0")}.jpg`,
);
export const PROCESS_RULE = "imageMogr2/thumbnail/!50p/format/png";
/** Several steps, and a width of 0 the builder must point out. */
export const INVALID_RULE = "imageMogr2/thumbnail/0x/crop/600x600/gravity/Center/format/webp/quality/80";
export const VALID_RULE = "imageMogr2/thumbnail/1200x/crop/1200x800/gravity/Center/format/webp/quality/80";
export const PRESET_NAME = "Web 1200";
export const PROFILE_NAME = "Studio photos";

/** The app's own strings, so the tour runs in either language. */
export const messages = translatorFor;

/** Chooses the language with the picker in the sidebar, as a designer does. */
export async function switchLanguage(page: Page, language: Language): Promise<void> {
  await page.locator("#app-language").selectOption(language);
  await expect(page.locator("html")).toHaveAttribute("lang", language);
}

async function makeUploadFolder(): Promise<string[]> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "picops-screens-"));
  const files: string[] = [];
  for (const [index, name] of UPLOADED_FILES.entries()) {
    const image = sceneImage(index, 1600, 1067);
    const file = path.join(folder, name);
    await writeFile(
      file,
      await (name.endsWith(".png") ? image.png() : image.jpeg({ quality: 85 })).toBuffer(),
    );
    files.push(file);
  }
  const refused = path.join(folder, REFUSED_FILE);
  await writeFile(refused, "Shot list for Tuesday, not a picture.\n");
  return [...files, refused];
}

/** Resolves once every image the locator matches has loaded (thumbnails, previews). */
export async function imagesLoaded(images: Locator): Promise<void> {
  await expect(images.first()).toBeVisible();
  await expect
    .poll(() =>
      images.evaluateAll((all: HTMLImageElement[]) =>
        all.every((img) => img.complete && img.naturalWidth > 0),
      ),
    )
    .toBe(true);
}

/**
 * Walks every main screen in `language`, calling `at` in each state. States build on each
 * other (the upload starts the Local bucket the browser then lists), so the order is fixed;
 * `at` may look, scan or switch things, as long as it leaves the screen as it found it.
 */
export async function tourScreens(
  page: Page,
  host: RunningWebHost,
  language: Language,
  at: (screen: ScreenName) => Promise<void>,
): Promise<void> {
  const t = messages(language);
  await page.goto(host.url);
  if (language !== "en") await switchLanguage(page, language);

  // Upload: four pictures and a text file named like one.
  await page.getByTestId("file-input").setInputFiles(await makeUploadFolder());
  await expect(
    page.getByRole("heading", {
      name: t("upload.filesHeading", { accepted: UPLOADED_FILES.length, refused: 1 }),
    }),
  ).toBeVisible();

  // Preview: the upload's rule on the first picture, before and after, beside the intake list.
  await page.getByRole("button", { name: t("upload.addRule") }).click();
  await page.getByLabel(t("upload.ruleText", { n: 1 }), { exact: true }).fill(UPLOAD_RULE);
  await page.getByRole("button", { name: t("preview.pickLabel", { name: UPLOADED_FILES[0] ?? "" }) }).click();
  await imagesLoaded(page.getByTestId("preview").locator("img"));
  await imagesLoaded(page.getByTestId("preview-after-image"));
  await at("preview");

  await page.getByLabel(t("upload.prefix"), { exact: true }).fill(UPLOAD_PREFIX);
  await page.getByText(t("upload.objectOptions")).click();
  await page.getByRole("button", { name: t("upload.addMetadata") }).click();
  await page.getByLabel(t("upload.metadataValue"), { exact: true }).fill(METADATA_VALUE);
  await page.getByRole("button", { name: t("plan.review") }).click();
  await expect(page.getByTestId("plan-row")).toHaveCount(UPLOADED_FILES.length);
  await at("upload-plan");

  await page.getByRole("button", { name: t("plan.start", { files: UPLOADED_FILES.length }) }).click();
  await expect(page.getByTestId("batch-state")).toHaveText(t("batch.state.finished"), { timeout: 60_000 });
  const batch = page.getByTestId("batch");
  await batch.evaluate((section) => section.scrollIntoView({ block: "start" }));
  await imagesLoaded(batch.getByTestId("process-result").first().locator("img"));
  await at("upload-results");

  // Bucket: a folder of pictures put there by another tool, in the grid with thumbnails.
  const bucket = await openLocalBucket(host.dataDir);
  try {
    for (const [index, key] of GALLERY_KEYS.entries()) {
      const body = await sceneImage(index + 4, 640, 427)
        .jpeg({ quality: 80 })
        .toBuffer();
      await bucket.client.putObject({ bucket: BUCKET, key, body });
    }
  } finally {
    await bucket.close();
  }
  await page.getByRole("tab", { name: t("tabs.bucket") }).click();
  const entry = (key: string) => page.locator(`[data-testid="entry"][data-key="${key}"]`);
  await entry("gallery/").click();
  await expect(page.getByTestId("browse-status")).toHaveText(
    t("browse.counts", { folders: 0, objects: GALLERY_KEYS.length }),
  );
  await entry(GALLERY_KEYS[1] ?? "").click();
  await expect(page.getByTestId("object-details")).toBeVisible();
  await imagesLoaded(page.getByTestId("object-view").locator("img"));
  // Process in the bucket has no rule yet: the object is previewed as it is.
  await expect(page.getByTestId("preview-no-rules")).toBeVisible();
  await imagesLoaded(page.getByTestId("preview").locator("img.preview-picture"));
  await at("bucket-grid");

  await page.getByRole("button", { name: t("browse.list"), exact: true }).click();
  await entry(GALLERY_KEYS[0] ?? "").click();
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Shift+ArrowDown");
  await expect(page.getByTestId("browse-status")).toContainText(t("browse.selectedCount", { count: 3 }));
  await expect(page.getByTestId("object-details")).toBeVisible();

  // Process in the bucket: the three objects selected in the list, halved into PNGs.
  await page.getByLabel(t("upload.ruleText", { n: 1 }), { exact: true }).fill(PROCESS_RULE);
  await page.getByRole("button", { name: t("process.review") }).click();
  await expect(page.getByTestId("plan-row")).toHaveCount(3);
  await expect(page.getByTestId("cloud-plan-count")).toHaveText(t("jobPlan.selected", { count: 3 }));
  // The focused object is previewed with the rule being planned.
  await imagesLoaded(page.getByTestId("preview-after-image"));
  await page
    .getByRole("region", { name: t("process.heading") })
    .evaluate((section) => section.scrollIntoView({ block: "start" }));
  await at("process");

  // Rules: several steps, a saved preset, then a width of 0 to be pointed out; the preview
  // follows the draft on the object last focused in the bucket.
  await page.getByRole("tab", { name: t("tabs.rules") }).click();
  const ruleText = page.getByLabel(t("rules.ruleText.label"), { exact: true });
  await ruleText.fill(VALID_RULE);
  await page.getByLabel(t("rules.presets.name"), { exact: true }).fill(PRESET_NAME);
  await page.getByRole("button", { name: t("rules.presets.save") }).click();
  await expect(page.getByTestId("preset")).toContainText(PRESET_NAME);
  await ruleText.fill(INVALID_RULE);
  await expect(page.getByRole("list", { name: t("rules.ruleText.problems") })).toBeVisible();
  await at("rules");
  await ruleText.fill(VALID_RULE);

  // Connections: the COS profile form, sent with a bucket name COS would refuse.
  await page.getByRole("button", { name: t("connections.add") }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(t("form.label"), { exact: true }).fill(PROFILE_NAME);
  await dialog.getByLabel(t("form.secretId"), { exact: true }).fill("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE");
  await dialog.getByLabel(t("form.secretKey"), { exact: true }).fill("Gu5t9xGARNpq86cd98joQYCN3EXAMPLEKEY");
  await dialog.getByLabel(t("form.bucket"), { exact: true }).fill("Photos_1250000000");
  await dialog.getByRole("button", { name: t("form.save") }).click();
  await expect(dialog.locator(".field-error")).toHaveCount(1);
  await at("cos-profile");
}
