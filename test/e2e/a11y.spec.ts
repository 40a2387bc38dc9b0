import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import {
  BUCKET,
  GALLERY_KEYS,
  INVALID_RULE,
  METADATA_VALUE,
  PRESET_NAME,
  PROCESS_RULE,
  PROFILE_NAME,
  REFUSED_FILE,
  tourScreens,
  UPLOAD_PREFIX,
  UPLOAD_RULE,
  UPLOADED_FILES,
  VALID_RULE,
} from "./screens";
import { untranslatedWords } from "./untranslated";
import { expect, test } from "./web-host-fixture";

/** WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** What the dark scheme changes: colours only, so its scan runs the colour rules alone. */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/** What the tour itself typed or put in the bucket: names and rules, not interface text. */
const TOUR_VALUES = [
  ...UPLOADED_FILES,
  REFUSED_FILE,
  UPLOAD_PREFIX,
  UPLOAD_RULE,
  BUCKET,
  ...GALLERY_KEYS,
  "gallery/",
  "gallery",
  ...GALLERY_KEYS.map((key) => key.slice("gallery/".length)),
  INVALID_RULE,
  VALID_RULE,
  PROCESS_RULE,
  PRESET_NAME,
  PROFILE_NAME,
  METADATA_VALUE,
  // Header values the object options show as examples, written as HTTP writes them.
  "Wed, 21 Oct 2026 07:28:00 GMT",
  'inline; filename="a.jpg"',
  'id="qcs::cam::uin/100000000001:uin/100000000001"',
];

/** One line per serious or critical problem: where, the rule, its impact, the elements, and axe's advice. */
async function seriousProblems(page: Page, where: string, rules?: string[]): Promise<string[]> {
  // Legacy mode runs axe in the page itself: the app has no frames, and the default mode
  // opens a blank page per scan to assemble frame results, which triples the time.
  const axe = new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true);
  const { violations } = await (rules ? axe.withRules(rules) : axe).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${where}: ${violation.id} (${violation.impact}) at ${node.target.join(" ")} — ${violation.help}. ${node.failureSummary?.replace(/\s+/g, " ") ?? ""}`,
      ),
    );
}

test("every main screen passes axe (WCAG 2.1 AA) in the light and dark schemes", async ({
  page,
  webHost,
}) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  await tourScreens(page, webHost, "en", async (screen) => {
    problems.push(...(await seriousProblems(page, `${screen}, light`)));
    await page.emulateMedia({ colorScheme: "dark" });
    problems.push(...(await seriousProblems(page, `${screen}, dark`, COLOUR_RULES)));
    await page.emulateMedia({ colorScheme: "light" });
  });
  expect(problems, problems.join("\n")).toEqual([]);
});

test("after switching to 简体中文 at run time, every main screen passes axe and shows no English interface text", async ({
  page,
  webHost,
}) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  // Colours do not depend on the language: the dark scheme is scanned in English only.
  await tourScreens(page, webHost, "zh-CN", async (screen) => {
    problems.push(...(await seriousProblems(page, `${screen}, zh-CN`)));
    for (const word of await untranslatedWords(page, TOUR_VALUES))
      problems.push(`${screen}, untranslated: ${word}`);
  });
  expect(problems, problems.join("\n")).toEqual([]);
});
