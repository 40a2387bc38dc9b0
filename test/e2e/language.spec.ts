import { noiseImage } from "../fixtures/images";
import { messages, switchLanguage } from "./screens";
import { untranslatedWords } from "./untranslated";
import { expect, test } from "./web-host-fixture";

test("the language choice survives a reload, and English comes back at run time", async ({
  page,
  webHost,
}) => {
  const en = messages("en");
  const zh = messages("zh-CN");
  await page.goto(webHost.url);
  await switchLanguage(page, "zh-CN");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("tab", { name: zh("tabs.upload") })).toBeVisible();

  await switchLanguage(page, "en");
  await expect(page.getByRole("tab", { name: en("tabs.upload") })).toBeVisible();
  await expect(page.getByRole("button", { name: en("connections.add") })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("tab", { name: en("tabs.rules") })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("a problem the shared schemas word with values reads in 简体中文, and follows a switch back to English", async ({
  page,
  webHost,
}) => {
  const en = messages("en");
  const zh = messages("zh-CN");
  await page.goto(webHost.url);
  await switchLanguage(page, "zh-CN");
  await page.getByText(zh("upload.objectOptions")).click();
  await page.getByLabel(zh("upload.trafficLimit"), { exact: true }).fill("5");
  const rangeValues = { min: 819200, max: 838860800 };
  await expect(page.getByText(zh("error.traffic-limit-range", rangeValues))).toBeVisible();
  await page.getByRole("button", { name: zh("upload.addMetadata") }).click();
  await page.getByLabel(zh("upload.metadataName"), { exact: true }).fill("shot on");
  await expect(page.getByText(zh("error.metadata-name-characters", { name: "shot on" }))).toBeVisible();
  const typedOrExamples = [
    "shot on",
    // The object options' example header values, written as HTTP writes them.
    "Wed, 21 Oct 2026 07:28:00 GMT",
    'inline; filename="a.jpg"',
    'id="qcs::cam::uin/100000000001:uin/100000000001"',
  ];
  expect(await untranslatedWords(page, typedOrExamples)).toEqual([]);

  // The panel keeps the problem, not a sentence: switching language re-words it.
  await switchLanguage(page, "en");
  await expect(page.getByText(en("error.traffic-limit-range", rangeValues))).toBeVisible();
});

test("a Local bucket refusal reads in 简体中文: the sentence the bucket names, not its English XML", async ({
  page,
  webHost,
}) => {
  const zh = messages("zh-CN");
  await page.goto(webHost.url);
  await switchLanguage(page, "zh-CN");
  await page.getByTestId("file-input").setInputFiles({
    name: "dunes.png",
    mimeType: "image/png",
    buffer: await noiseImage(64, 48).png().toBuffer(),
  });
  await page.getByRole("button", { name: zh("upload.addRule") }).click();
  // COS writes TPG; the Local bucket cannot, and says so.
  await page.getByLabel(zh("upload.ruleText", { n: 1 }), { exact: true }).fill("imageMogr2/format/tpg");
  await page.getByRole("button", { name: zh("plan.review") }).click();
  await page.getByRole("button", { name: zh("plan.start", { files: 1 }) }).click();
  await expect(page.getByTestId("batch-state")).toHaveText(zh("batch.state.finished"), { timeout: 30_000 });

  const failure = page.getByTestId("item-error");
  await expect(failure).toContainText("NotImplemented");
  await expect(failure).toContainText(zh("error.format-tencent-only", { format: "tpg" }));
  await expect(failure.locator('[lang="en"]')).toHaveCount(0);
});
