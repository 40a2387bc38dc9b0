import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import sharp from "sharp";
import { type LocalBucket, startLocalBucket } from "../../electron/local-bucket/index";
import { closedPort } from "../fixtures/network";
import { expect, test } from "./web-host-fixture";

/** Loads the app and waits until it has asked the main process whether to show the tour. */
async function openApp(page: Page, url: string): Promise<void> {
  const asked = page.waitForResponse((response) => response.url().includes("/api/call/tour.state"));
  await page.goto(url);
  await asked;
}

/**
 * Resolves once the main process has answered the tour's "seen" call, that is once
 * first-run.json is written: the tour closes at once, before the call lands.
 */
function tourMarkedSeen(page: Page): Promise<unknown> {
  return page.waitForResponse((response) => response.url().includes("/api/call/tour.markSeen"));
}

async function reloadApp(page: Page): Promise<void> {
  const asked = page.waitForResponse((response) => response.url().includes("/api/call/tour.state"));
  await page.reload();
  await asked;
}

/** The tour's lit frame sits exactly on the element (it follows it frame by frame, so poll). */
async function expectSpotlightOn(page: Page, target: Locator): Promise<void> {
  const spotlight = page.locator(".tour-spotlight");
  await expect
    .poll(async () => {
      const [lit, element] = [await spotlight.boundingBox(), await target.boundingBox()];
      return lit !== null && JSON.stringify(lit) === JSON.stringify(element) && lit.y >= 0;
    })
    .toBe(true);
}

test.describe("a first run", () => {
  test.use({ firstRun: true });

  test("opens on the Local bucket with the tour, walked from the keyboard, then not again until asked", async ({
    page,
    webHost,
  }) => {
    await openApp(page, webHost.url);
    await expect(page.getByTestId("connection-local")).toHaveClass(/active/);

    const tour = page.getByTestId("tour");
    await expect(page.getByRole("dialog", { name: "Drop an image" })).toBeVisible();
    await expect(tour).toHaveAttribute("aria-modal", "true");
    await expect(tour).toHaveAccessibleDescription(/Step 1 of 5/);
    // Focus moved into the tour; the lit frame sits on the real drop zone.
    await expect(tour.getByRole("button", { name: "Next" })).toBeFocused();
    await expectSpotlightOn(page, page.getByTestId("dropzone"));

    await page.keyboard.press("Enter");
    await expect(tour).toHaveAttribute("data-step", "preset");
    await expect(page.getByRole("dialog", { name: "Pick a preset" })).toBeVisible();
    // There is something to pick: the starter presets of a first run, in the Rules tab it opened.
    await expect(page.getByTestId("preset")).toHaveCount(3);
    await expect(page.getByTestId("preset").first()).toContainText("Web thumbnail 300 px WebP");
    // Scrolled into view in the Rules tab, which the step opened: the first preset, whole.
    await expectSpotlightOn(page, page.getByTestId("preset").first());

    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("dialog", { name: "Compare" })).toBeVisible();
    await page.keyboard.press("ArrowLeft");
    await expect(page.getByRole("dialog", { name: "Pick a preset" })).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog", { name: "Compare" })).toBeVisible();
    // Nothing is added yet, so there is nothing to compare: the step points where an image comes from, and says so.
    await expect(tour).toHaveAccessibleDescription(/Comparing starts from an image: add one here/);
    await expectSpotlightOn(page, page.getByTestId("dropzone"));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog", { name: "Upload" })).toBeVisible();
    // The rule slots, not the Review plan button that is disabled until files are added.
    await expectSpotlightOn(page, page.locator("fieldset.rule-slots"));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog", { name: "See the result" })).toBeVisible();
    await expect(tour).toHaveAccessibleDescription(/Step 5 of 5/);
    await expectSpotlightOn(page, page.getByRole("tab", { name: "Bucket" }));
    await expect(tour.getByRole("button", { name: "Finish" })).toBeFocused();
    const marked = tourMarkedSeen(page);
    await page.keyboard.press("Enter");

    await expect(tour).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Tour" })).toBeFocused();
    await marked;
    expect(JSON.parse(await readFile(path.join(webHost.dataDir, "first-run.json"), "utf8"))).toEqual({
      version: 1,
      tourSeen: true,
    });

    await reloadApp(page);
    await expect(page.getByTestId("connection-local")).toBeVisible();
    await expect(tour).toHaveCount(0);

    // Re-opened from the Tour button; Esc skips it and focus comes back to the button.
    await page.getByRole("button", { name: "Tour" }).click();
    await expect(page.getByRole("dialog", { name: "Drop an image" })).toBeVisible();
    await expect(tour.getByRole("button", { name: "Next" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(tour).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Tour" })).toBeFocused();
  });

  test("the tour speaks Simplified Chinese, and skipping it is for good", async ({ page, webHost }) => {
    await page.addInitScript(() => localStorage.setItem("picops.language", "zh-CN"));
    await openApp(page, webHost.url);
    const tour = page.getByRole("dialog", { name: "拖入图片" });
    await expect(tour).toBeVisible();
    await expect(tour).toHaveAccessibleDescription(/第 1 步，共 5 步/);
    // Back is disabled on the first step, so Shift+Tab from Next reaches Skip.
    await expect(tour.getByRole("button", { name: "下一步" })).toBeFocused();
    await page.keyboard.press("Shift+Tab");
    await expect(tour.getByRole("button", { name: "跳过导览" })).toBeFocused();
    const marked = tourMarkedSeen(page);
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("tour")).toHaveCount(0);

    // A reload before the call lands would cancel it.
    await marked;
    await reloadApp(page);
    await expect(page.getByTestId("connection-local")).toBeVisible();
    await expect(page.getByTestId("tour")).toHaveCount(0);
  });
});

test("the tour's Compare step points at the Preview button of an added image, then at the comparison once one is previewed", async ({
  page,
  webHost,
}) => {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "picops-tour-")), "harbour.png");
  await writeFile(
    file,
    await sharp({ create: { width: 640, height: 480, channels: 3, background: "#336699" } })
      .png()
      .toBuffer(),
  );
  await page.goto(webHost.url);
  await page.getByTestId("file-input").setInputFiles(file);
  const previewButton = page.getByRole("button", { name: "Preview harbour.png" });
  await expect(previewButton).toBeVisible();

  const tour = page.getByTestId("tour");
  const toCompare = async () => {
    await page.getByRole("button", { name: "Tour" }).click();
    await expect(page.getByRole("dialog", { name: "Drop an image" })).toBeVisible();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("dialog", { name: "Pick a preset" })).toBeVisible();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("dialog", { name: "Compare" })).toBeVisible();
  };

  await toCompare();
  await expect(tour).toHaveAccessibleDescription(/Press Preview beside an image/);
  await expectSpotlightOn(page, previewButton);
  await page.keyboard.press("Escape");
  await expect(tour).toHaveCount(0);

  await previewButton.click();
  await expect(page.getByTestId("preview-before-readout")).toContainText("640×480");
  await toCompare();
  await expect(tour).toHaveAccessibleDescription(/This is your image before and after the rule/);
  await expectSpotlightOn(page, page.getByTestId("preview-comparison"));
});

const BUCKET = "studio-1250000000";
const REGION = "ap-guangzhou";
const KEYS = { secretId: "AKIDfirstRunE2eTest0001", secretKey: "firstRunE2eSecretKey-not-real" };
const TWENTY_MINUTES_MS = 20 * 60_000;

test.describe("Test connection", () => {
  let root: string;
  let cos: LocalBucket;
  /** The same server with its clock twenty minutes ahead of this computer's. */
  let skewed: LocalBucket;

  test.beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "picops-e2e-cos-"));
    const options = { region: REGION, buckets: [BUCKET], credentials: [KEYS] };
    cos = await startLocalBucket({ ...options, root: path.join(root, "cos") });
    skewed = await startLocalBucket({
      ...options,
      root: path.join(root, "skewed"),
      now: () => Date.now() + TWENTY_MINUTES_MS,
    });
  });

  test.afterAll(async () => {
    await cos.close();
    await skewed.close();
    await rm(root, { recursive: true, force: true });
  });

  test("explains each outcome in the form, in plain words, without saving or leaking the key", async ({
    page,
    webHost,
  }) => {
    const answers: string[] = [];
    page.on("response", async (response) => {
      if (response.url().includes("/api/call/connections.test")) answers.push(await response.text());
    });
    await openApp(page, webHost.url);
    await page.getByRole("button", { name: "Add Tencent COS connection" }).click();
    const dialog = page.getByRole("dialog", { name: "Tencent COS connection" });
    const outcome = dialog.getByTestId("connection-test-outcome");
    await expect(outcome).toHaveAttribute("aria-live", "polite");
    const testIt = () => dialog.getByRole("button", { name: "Test connection" }).click();

    // The form checks its fields first, as Save does.
    await testIt();
    await expect(dialog.getByText("SecretId is required")).toBeVisible();

    await dialog.getByLabel("SecretId").fill(KEYS.secretId);
    await dialog.getByLabel("SecretKey").fill(KEYS.secretKey);
    await dialog.getByLabel("Region").fill(REGION);
    await dialog.getByLabel("Default bucket").fill(BUCKET);
    await dialog.getByLabel("Custom domain").fill(`${cos.url}/{Bucket}`);
    await testIt();
    await expect(outcome).toHaveText(
      `Connected. The keys work and the bucket ${BUCKET} in ${REGION} answered; it is empty.`,
    );

    // Editing a field clears an outcome that no longer describes the form.
    await dialog.getByLabel("SecretKey").fill("anotherSecretKey-not-real");
    await expect(outcome).toBeEmpty();
    await testIt();
    await expect(outcome).toContainText("Wrong key: the SecretKey does not belong to this SecretId.");

    await dialog.getByLabel("SecretId").fill("AKIDnobodyKnowsThisOne");
    await testIt();
    await expect(outcome).toContainText("Wrong key: COS does not know this SecretId.");

    await dialog.getByLabel("SecretId").fill(KEYS.secretId);
    await dialog.getByLabel("SecretKey").fill(KEYS.secretKey);
    await dialog.getByLabel("Default bucket").fill("nothere-1250000000");
    await testIt();
    await expect(outcome).toContainText(
      `Bucket not found: there is no bucket nothere-1250000000 in ${REGION}.`,
    );

    await dialog.getByLabel("Default bucket").fill(BUCKET);
    const port = await closedPort();
    await dialog.getByLabel("Custom domain").fill(`http://127.0.0.1:${port}/{Bucket}`);
    await testIt();
    await expect(outcome).toContainText(`Cannot reach COS: 127.0.0.1:${port} refused the connection.`);

    await dialog.getByLabel("Custom domain").fill(`${skewed.url}/{Bucket}`);
    await testIt();
    await expect(outcome).toContainText("This computer's clock is 20 minutes behind COS's.");
    await expect(outcome).toContainText("The connection works because Picops adjusts for it");

    // Testing saves nothing, and no answer carried the key.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("connection-cos")).toHaveCount(0);
    expect(answers).toHaveLength(6);
    for (const answer of answers) expect(answer).not.toContain(KEYS.secretKey);
    expect(webHost.output()).not.toContain(KEYS.secretKey);
  });
});
