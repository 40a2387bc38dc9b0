import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { type DailyScreen, dailyScreens } from "./daily-screens";
import {
  INVALID_RULE,
  imagesLoaded,
  messages,
  type ScreenName,
  switchLanguage,
  tourScreens,
  VALID_RULE,
} from "./screens";
import { expect, test } from "./web-host-fixture";

/** The README's pictures: taken by the suite, so they show the app as it is. */
const FOLDER = path.join("docs", "screenshots");

/** Pixels whose colour moved more than this (of 255) count as changed: palettes shift every colour a little. */
const VISIBLE_CHANGE = 24;

/** Whether two pictures differ in more than a few stray pixels (image decoding is not bit-exact run to run). */
async function looksDifferent(file: string, picture: Buffer): Promise<boolean> {
  const before = await readFile(file).catch(() => undefined);
  if (!before) return true;
  const [a, b] = await Promise.all(
    [before, picture].map((png) => sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })),
  );
  if (!a || !b || a.info.width !== b.info.width || a.info.height !== b.info.height) return true;
  let changed = 0;
  for (let i = 0; i < a.data.length; i++) {
    if (Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0)) > VISIBLE_CHANGE) changed++;
  }
  return changed > a.info.width;
}

/**
 * A still of the window: no caret, no transition half-way. Palette PNGs keep the repository
 * light; a picture is rewritten only when something visible changed, so a test run leaves
 * the working tree clean.
 */
async function shoot(page: Page, name: string): Promise<void> {
  const file = path.join(FOLDER, `${name}.png`);
  const picture = await sharp(await page.screenshot({ caret: "hide", animations: "disabled", scale: "css" }))
    .png({ palette: true, compressionLevel: 9 })
    .toBuffer();
  if (await looksDifferent(file, picture)) await writeFile(file, picture);
}

const SHOTS: Record<ScreenName, (page: Page) => Promise<void>> = {
  preview: (page) => shoot(page, "preview"),
  "upload-plan": async () => {},
  "upload-results": async (page) => {
    await shoot(page, "upload");
    await switchLanguage(page, "zh-CN");
    await expect(page.getByTestId("batch-state")).toHaveText(messages("zh-CN")("batch.state.finished"));
    await shoot(page, "upload-zh-CN");
    await switchLanguage(page, "en");
  },
  rules: async (page) => {
    // The guide shows a rule that works; the tour's own rule has a mistake to point out.
    const ruleText = page.getByLabel(messages("en")("rules.ruleText.label"), { exact: true });
    await ruleText.fill(VALID_RULE);
    await expect(page.getByText(messages("en")("rules.ruleText.valid"))).toBeVisible();
    await imagesLoaded(page.getByTestId("preview-after-image"));
    await ruleText.blur();
    await page.locator("#workspace").evaluate((workspace) => workspace.scrollTo(0, 0));
    await shoot(page, "rules");
    await ruleText.fill(INVALID_RULE);
  },
  "bucket-grid": async (page) => {
    await shoot(page, "bucket");
    await page.emulateMedia({ colorScheme: "dark" });
    await shoot(page, "bucket-dark");
    await page.emulateMedia({ colorScheme: "light" });
  },
  process: (page) => shoot(page, "process"),
  "cos-profile": (page) => shoot(page, "connection"),
};

test("screenshots of the main screens for the README", async ({ page, webHost }) => {
  test.setTimeout(120_000);
  await mkdir(FOLDER, { recursive: true });
  await tourScreens(page, webHost, "en", (screen) => SHOTS[screen](page));
});

const DAILY_SHOTS: Record<DailyScreen, (page: Page) => Promise<void>> = {
  "naming-and-quick": (page) => shoot(page, "quick-upload"),
  "default-rules": (page) => shoot(page, "default-rules"),
  links: (page) => shoot(page, "links"),
  "selection-links": (page) => shoot(page, "selection-links"),
  history: (page) => shoot(page, "history"),
};

test("screenshots of the daily loop for the README", async ({ page, webHost }) => {
  test.setTimeout(120_000);
  await mkdir(FOLDER, { recursive: true });
  await dailyScreens(page, webHost, "en", (screen) => DAILY_SHOTS[screen](page));
});
