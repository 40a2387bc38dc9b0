/// <reference lib="dom" />
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { noiseImage } from "../fixtures/images";
import { expect, test } from "./web-host-fixture";

/** A 2400×1600 noise-like JPEG: larger than the working copy, so both preview passes run. */
async function makeSample(): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "picops-preview-e2e-")), "harbour.jpg");
  const image = noiseImage(2400, 1600, 30);
  await writeFile(file, await image.jpeg({ quality: 85 }).toBuffer());
  return file;
}

/** The after image's natural width once it has loaded (0 before). */
function naturalWidth(image: Locator): Promise<number> {
  return image.evaluate((element: HTMLImageElement) => (element.complete ? element.naturalWidth : 0));
}

async function openPreview(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  await expect(page.getByTestId("preview-empty")).toContainText("Press Preview");
  await page.getByTestId("file-input").setInputFiles(await makeSample());
  await page.getByRole("button", { name: "Preview harbour.jpg" }).click();
  await page.getByRole("tab", { name: "Rules" }).click();
  return page.getByLabel("Rule text", { exact: true });
}

test("the preview follows the rule text: after image, readout, unsupported operations, fast typing", async ({
  page,
  webHost,
}) => {
  const ruleText = await openPreview(page, webHost.url);
  const after = page.getByTestId("preview-after-image");
  const readout = page.getByTestId("preview-after-readout");

  await ruleText.fill("imageMogr2/thumbnail/300x/format/webp");
  await expect.poll(() => naturalWidth(after)).toBe(300);
  await expect(readout).toContainText("WEBP");
  await expect(readout).toContainText("300×200");
  await expect(page.getByTestId("preview-readout")).toContainText("Sizes measured on the full-size original");
  await expect(page.getByTestId("preview-before-readout")).toContainText("2400×1600");

  const problem = page.getByTestId("preview-problem");
  await ruleText.fill("style/square");
  await expect(problem).toContainText("Not supported locally");
  await expect(problem).toContainText("style/square");
  await expect(after).toHaveCount(0);
  await ruleText.fill("imageMogr2/thumbnail/300x|QRcode/0");
  await expect(problem).toContainText('"QRcode"');

  await ruleText.fill("imageMogr2/thumbnail/0x");
  await expect(problem).toContainText("The rule is not valid (column 22)");

  // Typed one key at a time: every intermediate rule is asked for, only the last one may stay.
  await ruleText.fill("imageMogr2/thumbnail/");
  await ruleText.pressSequentially("417x/format/png/quality/90");
  await expect(readout).toContainText("PNG");
  await expect(readout).toContainText("417×278");
  await expect(page.getByTestId("preview-status")).toHaveText("");
  await expect.poll(() => naturalWidth(after)).toBe(417);
  await expect(readout).toContainText("417×278");
});

test("the comparison works from the keyboard: slider, modes, before/after, zoom", async ({
  page,
  webHost,
}) => {
  const ruleText = await openPreview(page, webHost.url);
  await ruleText.fill("imageMogr2/thumbnail/300x/format/webp");
  await expect.poll(() => naturalWidth(page.getByTestId("preview-after-image"))).toBe(300);

  const preview = page.getByTestId("preview");
  const divider = preview.getByRole("slider", { name: "Before/after divider" });
  await divider.focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Shift+ArrowLeft");
  await expect(divider).toHaveAttribute("aria-valuenow", "39");
  await page.keyboard.press("End");
  await expect(divider).toHaveAttribute("aria-valuenow", "100");

  await page.keyboard.press("d");
  await expect(preview.getByRole("radio", { name: "Side by side" })).toBeChecked();
  await expect(preview.getByRole("figure")).toHaveCount(2);

  await preview.getByRole("radio", { name: "Side by side" }).focus();
  await page.keyboard.press("b");
  await expect(preview.getByRole("radio", { name: "Toggle" })).toBeChecked();
  await expect(preview.getByRole("img", { name: "Before" })).toBeVisible();
  await expect(page.getByTestId("preview-after-image")).toHaveCount(0);
  await page.keyboard.press("b");
  await expect(page.getByTestId("preview-after-image")).toBeVisible();

  await page.keyboard.press("a");
  await expect(preview.getByRole("radio", { name: "100 %" })).toBeChecked();
  // At 100 % the original is drawn at its pixel size and the 300 px output over the same scene.
  await expect(page.getByTestId("preview-after-image")).toHaveCSS("width", "2400px");
  await expect(page.getByTestId("preview-readout")).toContainText("300×200");
  await page.keyboard.press("f");
  await expect(preview.getByRole("radio", { name: "Fit", exact: true })).toBeChecked();
});
