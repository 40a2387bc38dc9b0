import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { sceneImage } from "../fixtures/images";
import { type Language, messages, switchLanguage } from "./screens";
import type { RunningWebHost } from "./web-host-fixture";

/** The daily loop's views, each once, for the accessibility spec and the README's pictures. */
export type DailyScreen = "naming-and-quick" | "links" | "history";

/** Pictures the daily tour uploads, and the values it types (not interface text). */
export const DAILY_FILES = ["harbour.jpg", "meadow.jpg"];
export const DAILY_RULE = "imageMogr2/thumbnail/320x/format/webp";
export const DAILY_KEY_TEMPLATE = "{yyyy}/{MM}/{name}-{md5:8}.{ext}";
export const DAILY_PREFIX = "blog/";
export const DAILY_TEMPLATE_LABEL = "BBCode";

async function pictures(): Promise<string[]> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "picops-daily-screens-"));
  return Promise.all(
    DAILY_FILES.map(async (name, index) => {
      const file = path.join(folder, name);
      await writeFile(
        file,
        await sceneImage(index + 1, 800, 533)
          .jpeg({ quality: 80 })
          .toBuffer(),
      );
      return file;
    }),
  );
}

/**
 * Walks the daily loop in `language`: naming templates and Quick upload's defaults open, a
 * finished upload's links with a custom template being edited, and the History tab asking
 * to confirm a removal that deletes objects.
 */
export async function dailyScreens(
  page: Page,
  host: RunningWebHost,
  language: Language,
  at: (screen: DailyScreen) => Promise<void>,
): Promise<void> {
  const t = messages(language);
  await page.goto(host.url);
  if (language !== "en") await switchLanguage(page, language);

  await page.getByTestId("file-input").setInputFiles(await pictures());
  await expect(page.getByTestId("intake-file")).toHaveCount(DAILY_FILES.length);
  await page.getByLabel(t("quick.keyTemplate"), { exact: true }).fill(DAILY_KEY_TEMPLATE);
  const panel = page.getByTestId("quick-panel");
  await panel.locator("summary").click();
  await panel.getByLabel(t("quick.newPrefix"), { exact: true }).fill(DAILY_PREFIX);
  await panel.getByRole("button", { name: t("quick.addPrefix"), exact: true }).click();
  await expect(
    panel.getByRole("group", { name: t("quick.prefixDefault", { prefix: DAILY_PREFIX }) }),
  ).toBeVisible();
  await panel.evaluate((section) => section.scrollIntoView({ block: "start" }));
  await at("naming-and-quick");

  await page.getByRole("button", { name: t("upload.addRule") }).click();
  await page.getByLabel(t("upload.ruleText", { n: 1 }), { exact: true }).fill(DAILY_RULE);
  await page.getByRole("button", { name: t("plan.review") }).click();
  await page.getByRole("button", { name: t("plan.start", { files: DAILY_FILES.length }) }).click();
  await expect(page.getByTestId("batch-state")).toHaveText(t("batch.state.finished"));
  const menu = page.getByTestId("links-menu");
  await menu.getByRole("button", { name: t("links.editTemplates") }).click();
  await menu.getByRole("button", { name: t("links.addTemplate") }).click();
  await menu.getByLabel(t("links.templateLabel", { n: 1 }), { exact: true }).fill(DAILY_TEMPLATE_LABEL);
  await menu.evaluate((section) => section.scrollIntoView({ block: "start" }));
  await at("links");

  await page.getByRole("tab", { name: t("historyTab.tab") }).click();
  await expect(page.getByTestId("history-entry")).toHaveCount(DAILY_FILES.length);
  await page.getByLabel(t("historyTab.selectAll"), { exact: true }).check();
  await page.getByRole("button", { name: t("historyTab.removeWithObjects") }).click();
  await expect(page.getByTestId("history-confirm")).toBeVisible();
  await at("history");
}
