import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { sceneImage } from "../fixtures/images";
import { imagesLoaded, type Language, messages, switchLanguage } from "./screens";
import type { RunningWebHost } from "./web-host-fixture";

/** The daily loop's views, each once, for the accessibility spec and the README's pictures. */
export type DailyScreen = "naming-and-quick" | "default-rules" | "links" | "selection-links" | "history";

/** Pictures the daily tour uploads, and the values it types (not interface text). */
export const DAILY_FILES = ["harbour.jpg", "meadow.jpg"];
export const DAILY_RULE = "imageMogr2/thumbnail/320x/format/webp";
export const DAILY_KEY_TEMPLATE = "{yyyy}/{MM}/{name}-{md5:8}.{ext}";
export const DAILY_PREFIX = "blog/";
/** The preset blog/'s default applies, and where its output goes. */
export const DAILY_PRESET = "Blog 320";
export const DAILY_OUTPUT = "{name}_320.{format}";
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
 * Walks the daily loop in `language`: naming templates and Quick upload's defaults open, the
 * blog/ default's preset put in the rules by the files' arrival, a finished upload's links
 * with a custom template being edited, links to a selection in the Bucket tab, and the History
 * tab asking to confirm a removal that deletes objects.
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

  await page.getByRole("tab", { name: t("tabs.rules") }).click();
  await page.getByLabel(t("rules.ruleText.label"), { exact: true }).fill(DAILY_RULE);
  await page.getByLabel(t("rules.presets.name"), { exact: true }).fill(DAILY_PRESET);
  await page.getByRole("button", { name: t("rules.presets.save") }).click();
  await expect(page.getByTestId("preset")).toContainText(DAILY_PRESET);
  await page.getByRole("tab", { name: t("tabs.upload") }).click();

  await page.getByLabel(t("quick.keyTemplate"), { exact: true }).fill(DAILY_KEY_TEMPLATE);
  const panel = page.getByTestId("quick-panel");
  await panel.locator("summary").click();
  await panel.getByLabel(t("quick.newPrefix"), { exact: true }).fill(DAILY_PREFIX);
  await panel.getByRole("button", { name: t("quick.addPrefix"), exact: true }).click();
  const blog = panel.getByRole("group", { name: t("quick.prefixDefault", { prefix: DAILY_PREFIX }) });
  await blog.getByLabel(t("quick.preset"), { exact: true }).selectOption({ label: DAILY_PRESET });
  await blog.getByLabel(t("quick.outputName"), { exact: true }).fill(DAILY_OUTPUT);
  await blog.getByRole("button", { name: t("quick.saveDefault") }).click();
  await expect(blog.getByRole("status")).toHaveText(t("quick.defaultSaved"));
  await page.getByLabel(t("upload.prefix"), { exact: true }).fill(DAILY_PREFIX);

  await page.getByTestId("file-input").setInputFiles(await pictures());
  await expect(page.getByTestId("intake-file")).toHaveCount(DAILY_FILES.length);
  const applied = page.getByTestId("default-applied");
  await expect(applied).toContainText(
    t("quick.prefixDefaultApplied", { prefix: DAILY_PREFIX, preset: DAILY_PRESET }),
  );
  await panel.evaluate((section) => section.scrollIntoView({ block: "start" }));
  await at("naming-and-quick");
  await applied.evaluate((note) => note.scrollIntoView({ block: "start" }));
  await at("default-rules");

  await page.getByRole("button", { name: t("plan.review") }).click();
  await page.getByRole("button", { name: t("plan.start", { files: DAILY_FILES.length }) }).click();
  await expect(page.getByTestId("batch-state")).toHaveText(t("batch.state.finished"));
  const menu = page.getByTestId("links-menu");
  await menu.getByRole("button", { name: t("links.editTemplates") }).click();
  await menu.getByRole("button", { name: t("links.addTemplate") }).click();
  await menu.getByLabel(t("links.templateLabel", { n: 1 }), { exact: true }).fill(DAILY_TEMPLATE_LABEL);
  await menu.evaluate((section) => section.scrollIntoView({ block: "start" }));
  await at("links");

  // The month's folder of blog/ holds both originals and both outputs: all four selected.
  await page.getByRole("tab", { name: t("tabs.bucket") }).click();
  const now = new Date();
  const month = `${DAILY_PREFIX}${now.getFullYear()}/${String(now.getMonth() + 1).padStart(2, "0")}/`;
  const entries = page.getByTestId("entry");
  for (const folder of [DAILY_PREFIX, month.slice(0, DAILY_PREFIX.length + 5), month])
    await page.locator(`[data-testid="entry"][data-key="${folder}"]`).click();
  await expect(entries).toHaveCount(DAILY_FILES.length * 2);
  await entries.first().click();
  await page.keyboard.press("Control+A");
  const selection = page.getByRole("group", {
    name: t("links.selectionHeading", { count: DAILY_FILES.length * 2 }),
  });
  await selection.getByLabel(t("links.format")).selectOption({ label: t("links.format.markdown") });
  // The selected tiles above, the selection's links at the bottom of the window, once the
  // window has settled: every tile's picture, the focused object's details and its preview.
  await selection.evaluate((section) => section.scrollIntoView({ block: "end" }));
  await expect(page.getByTestId("object-view").locator("img.thumb")).toHaveCount(DAILY_FILES.length * 2);
  await imagesLoaded(page.getByTestId("object-view").locator("img.thumb"));
  await expect(page.getByTestId("object-details")).toBeVisible();
  await imagesLoaded(page.getByTestId("preview").locator("img.preview-picture"));
  await at("selection-links");

  await page.getByRole("tab", { name: t("historyTab.tab") }).click();
  await expect(page.getByTestId("history-entry")).toHaveCount(DAILY_FILES.length);
  await page.getByLabel(t("historyTab.selectAll"), { exact: true }).check();
  await page.getByRole("button", { name: t("historyTab.removeWithObjects") }).click();
  const confirm = page.getByTestId("history-confirm");
  // Both originals and both outputs, listed in the bucket's order.
  await expect(confirm.getByRole("listitem")).toHaveCount(DAILY_FILES.length * 2);
  const listed = await confirm.getByRole("listitem").allTextContents();
  expect(listed).toEqual([...listed].sort());
  await at("history");
}
