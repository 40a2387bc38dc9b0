import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { openLocalBucket } from "./bucket-reader";
import { switchLanguage } from "./screens";
import { expect, startWebHost, test } from "./web-host-fixture";

const openRules = async (page: Page, url: string) => {
  await page.goto(url);
  await page.getByRole("tab", { name: "Rules" }).click();
  await expect(page.getByLabel("Rule text")).toBeVisible();
};

const palette = (page: Page) => page.getByRole("group", { name: "Add a step" });
const step = (page: Page, index: number) => page.getByTestId(`step-${index}`);

test("forms and rule text stay in step both ways, invalid text is kept and located, every edit undoes", async ({
  page,
  webHost,
}) => {
  await openRules(page, webHost.url);
  const text = page.getByLabel("Rule text");
  await expect(text).toHaveValue("imageMogr2/thumbnail/800x/format/webp");

  // Start from nothing, then build thumbnail/400x + format/webp with the forms.
  await page.getByRole("button", { name: "Remove Format" }).click();
  await page.getByRole("button", { name: "Remove Thumbnail" }).click();
  await expect(text).toHaveValue("");
  await expect(page.getByText("the rule is empty")).toBeVisible();
  await palette(page).getByRole("button", { name: "Thumbnail", exact: true }).click();
  await step(page, 0).getByLabel("Width", { exact: true }).fill("400");
  await expect(text).toHaveValue("imageMogr2/thumbnail/400x");
  await palette(page).getByRole("button", { name: "Format", exact: true }).click();
  await expect(step(page, 1).getByLabel("Output format")).toHaveValue("webp");
  await expect(text).toHaveValue("imageMogr2/thumbnail/400x/format/webp");
  await expect(page.getByText("The rule is valid.")).toBeVisible();

  // Text → forms.
  await text.fill("imageMogr2/thumbnail/300x/format/webp");
  await expect(step(page, 0).getByLabel("Width", { exact: true })).toHaveValue("300");
  await step(page, 0).getByLabel("Shrink only").check();
  await expect(text).toHaveValue("imageMogr2/thumbnail/300x600>/format/webp");
  await step(page, 0).getByLabel("Fit", { exact: true }).check();
  await expect(text).toHaveValue("imageMogr2/thumbnail/300x600/format/webp");
  await step(page, 0).getByLabel("Height", { exact: true }).fill("");
  await expect(text).toHaveValue("imageMogr2/thumbnail/300x/format/webp");

  // Invalid text stays exactly as typed, the problem names its column and puts the caret there.
  await text.fill("imageMogr2/thumbnail/0x");
  await expect(page.getByText("thumbnail: width must be 1–50000, got 0 (col 22)")).toBeVisible();
  await expect(text).toHaveAttribute("aria-invalid", "true");
  await expect(step(page, 0).getByLabel("Width", { exact: true })).toHaveValue("0");
  await page.getByRole("button", { name: "col 22" }).click();
  await expect(text).toBeFocused();
  expect(await text.evaluate((area: HTMLTextAreaElement) => area.selectionStart)).toBe(21);
  await expect(text).toHaveValue("imageMogr2/thumbnail/0x");
  await expect(page.getByRole("button", { name: "Use in upload" })).toBeDisabled();

  // Undo and redo, from the keyboard and the buttons, for text and form edits alike.
  await page.keyboard.press("Control+z");
  await expect(text).toHaveValue("imageMogr2/thumbnail/300x/format/webp");
  await page.keyboard.press("Control+z");
  await expect(text).toHaveValue("imageMogr2/thumbnail/300x600/format/webp");
  await page.keyboard.press("Control+Shift+z");
  await expect(text).toHaveValue("imageMogr2/thumbnail/300x/format/webp");
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(text).toHaveValue("imageMogr2/thumbnail/0x");
  await expect(page.getByRole("button", { name: "Redo" })).toBeDisabled();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(text).toHaveValue("imageMogr2/thumbnail/300x/format/webp");

  // Reorder from the keyboard: Alt+↑ on the second step, focus follows it.
  await step(page, 1)
    .getByRole("button", { name: /^Move Format \(drag/ })
    .focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect(text).toHaveValue("imageMogr2/format/webp/thumbnail/300x");
  await expect(step(page, 0).getByRole("button", { name: /^Move Format \(drag/ })).toBeFocused();
  await page.keyboard.press("Alt+ArrowDown");
  await expect(text).toHaveValue("imageMogr2/thumbnail/300x/format/webp");
  await step(page, 0).getByRole("button", { name: "Move Thumbnail down" }).click();
  await expect(text).toHaveValue("imageMogr2/format/webp/thumbnail/300x");
  await page.keyboard.press("Control+z");
  await expect(text).toHaveValue("imageMogr2/thumbnail/300x/format/webp");
  // And with the mouse: drag a step's handle onto another step, near its lower edge: in the
  // studio's narrow column the Thumbnail step is tall, and its middle may be out of view.
  const target = await step(page, 0).boundingBox();
  await step(page, 1)
    .getByRole("button", { name: /^Move Format \(drag/ })
    .dragTo(step(page, 0), { targetPosition: { x: 24, y: (target?.height ?? 24) - 12 } });
  await expect(text).toHaveValue("imageMogr2/format/webp/thumbnail/300x");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(text).toHaveValue("imageMogr2/thumbnail/300x/format/webp");

  // The crop's position is a 3×3 radio group driven by the arrow keys.
  await palette(page).getByRole("button", { name: "Crop", exact: true }).click();
  await expect(text).toHaveValue("imageMogr2/thumbnail/300x/format/webp/crop/600x600/gravity/Center");
  await step(page, 2).getByRole("radio", { name: "Centre" }).focus();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowLeft");
  await expect(step(page, 2).getByRole("radio", { name: "Top left" })).toBeChecked();
  await expect(text).toHaveValue("imageMogr2/thumbnail/300x/format/webp/crop/600x600/gravity/NorthWest");

  // Unknown processors are shown as they are and survive form edits elsewhere.
  await text.fill("imageMogr2/thumbnail/300x|imageSlim");
  await expect(step(page, 1)).toContainText("imageSlim");
  await step(page, 0).getByLabel("Width", { exact: true }).fill("320");
  await expect(text).toHaveValue("imageMogr2/thumbnail/320x|imageSlim");

  // The draft goes into the upload as a new rule slot.
  await page.getByRole("button", { name: "Use in upload" }).click();
  await expect(page.getByText("Added as upload rule 1.")).toBeVisible();
  await page.getByRole("tab", { name: "Upload" }).click();
  await expect(page.getByLabel("Rule 1", { exact: true })).toHaveValue("imageMogr2/thumbnail/320x|imageSlim");
  await expect(page.getByLabel("Output name").first()).toHaveValue("{name}_1.{format}");
});

test("a saved preset is still there after the host restarts, and loads into the builder", async ({
  page,
}) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "picops-e2e-"));
  let host = await startWebHost(dataDir);
  try {
    await openRules(page, host.url);
    await page.getByLabel("Rule text").fill("imageMogr2/thumbnail/300x/format/webp");
    await page.getByLabel("Preset name").fill("Web 300");
    await page.getByRole("button", { name: "Save as preset" }).click();
    await expect(page.getByTestId("preset")).toContainText("Web 300");

    const stopped = new Promise((resolve) => host.process.once("exit", resolve));
    host.process.kill("SIGTERM");
    await stopped;
    host = await startWebHost(dataDir);

    await openRules(page, host.url);
    await expect(page.getByLabel("Rule text")).toHaveValue("imageMogr2/thumbnail/800x/format/webp");
    await expect(page.getByTestId("preset")).toContainText("imageMogr2/thumbnail/300x/format/webp");
    await page.getByRole("button", { name: "Load Web 300" }).click();
    await expect(page.getByLabel("Rule text")).toHaveValue("imageMogr2/thumbnail/300x/format/webp");
    await expect(page.getByTestId("step-0").getByLabel("Width", { exact: true })).toHaveValue("300");

    await page.getByRole("button", { name: "Rename Web 300" }).click();
    await page.getByLabel("New name for Web 300").fill("Web small");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("preset")).toContainText("Web small");
    await page.getByRole("button", { name: "Duplicate Web small" }).click();
    await expect(page.getByTestId("preset")).toHaveCount(2);
    page.once("dialog", (confirm) => confirm.accept());
    await page.getByRole("button", { name: "Delete Web small (copy)" }).click();
    await expect(page.getByTestId("preset")).toHaveCount(1);
  } finally {
    const stopped = new Promise((resolve) => host.process.once("exit", resolve));
    host.process.kill("SIGTERM");
    await stopped;
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("import adds the valid presets and says which were skipped and why; export downloads them", async ({
  page,
  webHost,
}) => {
  await openRules(page, webHost.url);
  const file = {
    format: "picops-presets",
    version: 1,
    presets: [
      { name: "Square", rule: "imageMogr2/thumbnail/!600x600r/crop/600x600" },
      { name: "Broken", rule: "imageMogr2/thumbnail/0x" },
    ],
  };
  await page.getByLabel("Import presets…").setInputFiles({
    name: "presets.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(page.getByText("Imported 1 presets, skipped 1.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Presets not imported" })).toContainText(
    "Preset 2 (Broken) skipped: thumbnail: width must be 1–50000, got 0 (col 22)",
  );
  await expect(page.getByTestId("preset")).toHaveCount(1);
  await expect(page.getByTestId("preset")).toContainText("Square");

  // The same file again: Square is already saved. The reasons follow a language switch.
  await page.getByLabel("Import presets…").setInputFiles({
    name: "presets.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(file)),
  });
  const skipped = page.getByRole("list", { name: "Presets not imported" });
  await expect(skipped).toContainText(
    "Preset 1 (Square) skipped: A preset with this name and rule is already saved.",
  );
  await switchLanguage(page, "zh-CN");
  const skippedZh = page.getByRole("list", { name: "未导入的预设" });
  await expect(skippedZh).toContainText("第 1 个预设（Square）已跳过：已有同名且规则相同的预设。");
  await expect(skippedZh).toContainText("第 2 个预设（Broken）已跳过：");
  await expect(skippedZh).not.toContainText("width must be");
  await switchLanguage(page, "en");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export presets" }).click();
  const saved = await (await download).path();
  expect(JSON.parse(await readFile(saved, "utf8"))).toEqual({
    format: "picops-presets",
    version: 1,
    presets: [{ name: "Square", rule: "imageMogr2/thumbnail/!600x600r/crop/600x600" }],
  });
});

test("imageView2 converts without resizing, and rule problems read in Chinese in the builder and the upload", async ({
  page,
  webHost,
}) => {
  await openRules(page, webHost.url);
  const text = page.getByLabel("Rule text");
  await text.fill("imageView2/2/w/800");
  const form = step(page, 0);

  // "No resize" drops the bounds with the mode; a format makes it the Go SDK's example rule.
  await form.getByLabel("No resize").check();
  await expect(text).toHaveValue("imageView2");
  await expect(
    page.getByText(
      "imageView2: nothing to do: give a mode 1–5 (imageView2/2/w/200), a format or a quality (imageView2/format/png) (col 11)",
    ),
  ).toBeVisible();
  await expect(form.getByLabel("Width", { exact: true })).toHaveCount(0);
  await form.getByLabel("Output format").selectOption("png");
  await expect(text).toHaveValue("imageView2/format/png");
  await expect(page.getByText("The rule is valid.")).toBeVisible();
  await form.getByLabel("Mode 3").check();
  await form.getByLabel("Width", { exact: true }).fill("300");
  await expect(text).toHaveValue("imageView2/3/w/300/format/png");
  // Bounds typed without a mode stay in view, with the problem at their column.
  await text.fill("imageView2/w/300/format/png");
  await expect(form.getByLabel("No resize")).toBeChecked();
  await expect(form.getByLabel("Width", { exact: true })).toHaveValue("300");
  await expect(
    page.getByText("imageView2: w needs a mode: write a mode 1–5 right after imageView2 (col 14)"),
  ).toBeVisible();

  // In 简体中文 the same problems are said in Chinese, with their values and column.
  await page.getByLabel("Language", { exact: true }).selectOption("zh-CN");
  const ruleText = page.getByLabel("规则文本");
  await expect(
    page.getByText("imageView2：w 需要模式：请在 imageView2 后紧接模式 1–5（第 14 列）"),
  ).toBeVisible();
  await ruleText.fill("imageMogr2/thumbnail/0x");
  await expect(page.getByText("thumbnail：width 须在 1–50000 之间，实际为 0（第 22 列）")).toBeVisible();
  await ruleText.fill("imageMogr2/gravity/middle");
  await expect(
    page.getByText(
      'gravity：应为NorthWest, North, NorthEast, West, Center, East, SouthWest, South, SouthEast 之一，实际为 "middle"（第 20 列）',
    ),
  ).toBeVisible();

  // The upload's rule slots say it the same way.
  await page.getByRole("tab", { name: "上传" }).click();
  await page.getByRole("button", { name: "添加规则" }).click();
  await page.getByLabel("规则 1", { exact: true }).fill("imageMogr2/quality/400");
  await expect(page.getByText("quality：quality 须在 0–100 之间，实际为 400（第 20 列）")).toBeVisible();
});

test("a style the bucket does not have is pointed out, until the styles are refreshed with it", async ({
  page,
  webHost,
}) => {
  await openRules(page, webHost.url);
  await expect(page.getByText("This bucket has no styles.")).toBeVisible();
  await page.getByLabel("Rule text").fill("imageMogr2/strip|style/card");
  const problems = page.getByRole("list", { name: "Problems in the rule" });
  await expect(problems).toContainText(
    "Warning: style: picops-1250000000 has no style named card; refresh its styles if it was just added (col 18)",
  );

  // Added in the bucket by another tool (as in COS's console): Refresh picks it up.
  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    await bucket.client.putStyle({
      bucket: "picops-1250000000",
      name: "card",
      body: "imageMogr2/thumbnail/400x",
    });
  } finally {
    await bucket.close();
  }
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByTestId("bucket-style")).toContainText("card");
  await expect(problems).toHaveCount(0);
  await expect(page.getByText("The rule is valid.")).toBeVisible();
});
