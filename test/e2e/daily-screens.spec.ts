import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import {
  DAILY_FILES,
  DAILY_KEY_TEMPLATE,
  DAILY_OUTPUT,
  DAILY_PREFIX,
  DAILY_PRESET,
  DAILY_RULE,
  DAILY_TEMPLATE_LABEL,
  dailyScreens,
} from "./daily-screens";
import { BUCKET } from "./screens";
import { untranslatedWords } from "./untranslated";
import { expect, test } from "./web-host-fixture";

/** WCAG 2.0 and 2.1, levels A and AA, as a11y.spec scans the main screens. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** What the dark scheme changes: colours only, so its scan runs the colour rules alone. */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

async function seriousProblems(page: Page, where: string, rules?: string[]): Promise<string[]> {
  const axe = new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true);
  const { violations } = await (rules ? axe.withRules(rules) : axe).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${where}: ${violation.id} at ${node.target.join(" ")} — ${violation.help}`,
      ),
    );
}

/** What the tour typed or uploaded: values, not interface text. */
const TOUR_VALUES = [
  ...DAILY_FILES,
  DAILY_KEY_TEMPLATE,
  DAILY_OUTPUT,
  DAILY_PREFIX,
  DAILY_PRESET,
  DAILY_RULE,
  DAILY_TEMPLATE_LABEL,
  BUCKET,
  // The Bucket tab's path names blog/'s folder without its slash.
  DAILY_PREFIX.slice(0, -1),
];

test("the daily loop's views (naming, Quick upload's defaults, a default's rules, links, a selection's links, history) pass axe in the light and dark schemes", async ({
  page,
  webHost,
}) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  await dailyScreens(page, webHost, "en", async (screen) => {
    problems.push(...(await seriousProblems(page, screen)));
    await page.emulateMedia({ colorScheme: "dark" });
    problems.push(...(await seriousProblems(page, `${screen}, dark`, COLOUR_RULES)));
    await page.emulateMedia({ colorScheme: "light" });
  });
  expect(problems, problems.join("\n")).toEqual([]);
});

test("in 简体中文 the daily loop's views pass axe and show no English interface text", async ({
  page,
  webHost,
}) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  await dailyScreens(page, webHost, "zh-CN", async (screen) => {
    problems.push(...(await seriousProblems(page, `${screen}, zh-CN`)));
    for (const word of await untranslatedWords(page, TOUR_VALUES))
      problems.push(`${screen}, untranslated: ${word}`);
  });
  expect(problems, problems.join("\n")).toEqual([]);
});
