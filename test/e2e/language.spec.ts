import { messages, switchLanguage } from "./screens";
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
