import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";
import sharp from "sharp";
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

/** A still of the window: no caret, no transition half-way. Palette PNGs keep the repository light. */
async function shoot(page: Page, name: string): Promise<void> {
  const picture = await page.screenshot({ caret: "hide", animations: "disabled", scale: "css" });
  await writeFile(
    path.join(FOLDER, `${name}.png`),
    await sharp(picture).png({ palette: true, compressionLevel: 9 }).toBuffer(),
  );
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
