import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import {
  DAILY_FILES,
  DAILY_KEY_TEMPLATE,
  DAILY_PREFIX,
  DAILY_RULE,
  DAILY_TEMPLATE_LABEL,
  dailyScreens,
} from "./daily-screens";
import { BUCKET } from "./screens";
import { untranslatedWords } from "./untranslated";
import { expect, test } from "./web-host-fixture";

/** WCAG 2.0 and 2.1, levels A and AA, as a11y.spec scans the main screens. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function seriousProblems(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
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
  DAILY_PREFIX,
  DAILY_RULE,
  DAILY_TEMPLATE_LABEL,
  BUCKET,
];

test("the daily loop's views (naming, Quick upload's defaults, links, history) pass axe in the light scheme", async ({
  page,
  webHost,
}) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  await dailyScreens(page, webHost, "en", async (screen) => {
    problems.push(...(await seriousProblems(page, screen)));
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
