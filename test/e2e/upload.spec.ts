import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { openLocalBucket } from "./bucket-reader";
import { expect, test } from "./web-host-fixture";

interface GoodImage {
  relativePath: string;
  width: number;
  height: number;
}

/** A folder of 20 files: 17 images in nested folders, a corrupt JPEG, a text file named .png and a 33 MB file. */
async function makeShoot(): Promise<{ root: string; good: GoodImage[] }> {
  const root = path.join(await mkdtemp(path.join(os.tmpdir(), "picops-shoot-")), "shoot");
  const good: GoodImage[] = [];
  for (let i = 0; i < 17; i++) {
    const folder = i < 6 ? "" : i < 12 ? "people/" : "people/studio/";
    const width = 640 + i * 40;
    const height = 480 + (i % 3) * 60;
    const png = i % 4 === 3;
    const relativePath = `${folder}photo-${String(i).padStart(2, "0")}.${png ? "png" : "jpg"}`;
    const image = sharp({
      create: { width, height, channels: 3, background: { r: (i * 37) % 255, g: (i * 91) % 255, b: 120 } },
    });
    await mkdir(path.join(root, folder), { recursive: true });
    await writeFile(
      path.join(root, relativePath),
      await (png ? image.png() : image.jpeg({ quality: 85 })).toBuffer(),
    );
    good.push({ relativePath, width, height });
  }
  const jpeg = await sharp({ create: { width: 900, height: 700, channels: 3, background: "#884422" } })
    .jpeg()
    .toBuffer();
  await writeFile(path.join(root, "people/broken.jpg"), jpeg.subarray(0, Math.floor(jpeg.length * 0.6)));
  await writeFile(path.join(root, "notes.png"), "These are my shoot notes, not an image.\n");
  const huge = Buffer.alloc(33 * 1024 * 1024);
  huge.set([0xff, 0xd8, 0xff, 0xe0]);
  await writeFile(path.join(root, "huge.jpg"), huge);
  return { root, good };
}

test("upload a folder with two rules: good files land with both results, bad ones say why", async ({
  page,
  webHost,
}) => {
  test.setTimeout(180_000);
  const shoot = await makeShoot();
  await page.goto(webHost.url);

  await page.getByTestId("folder-input").setInputFiles(shoot.root);
  await expect(page.getByRole("heading", { name: "17 ready, 3 kept out" })).toBeVisible({ timeout: 60_000 });
  const problem = (name: string) =>
    page.getByTestId("intake-file").filter({ hasText: name }).getByTestId("intake-problem");
  await expect(problem("broken.jpg")).toContainText("damaged");
  await expect(problem("notes.png")).toContainText("not an image");
  await expect(problem("huge.jpg")).toContainText("33.0 MB is over COS's 32 MB limit");

  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Rule 1").fill("imageMogr2/thumbnail/400x/format/webp");
  await page.getByLabel("Output name").first().fill("{name}_w400.webp");
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Rule 2").fill("imageMogr2/thumbnail/!50p/format/png");
  await page.getByLabel("Output name").nth(1).fill("/thumbs/{dir}/{name}.png");

  await page.getByRole("button", { name: "Review plan" }).click();
  // Planning reads every file's header and tries each rule on one file of each kind.
  await expect(page.getByTestId("plan-row")).toHaveCount(17, { timeout: 60_000 });
  await expect(page.getByTestId("plan-warning")).toHaveCount(0);
  await page.getByRole("button", { name: "Upload 17 files" }).click();
  await expect(page.getByTestId("batch-state")).toHaveText("Finished", { timeout: 120_000 });
  await expect(page.getByTestId("batch-totals")).toContainText("17 of 17 files (17 done, 0 failed)");

  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    const expected: string[] = [];
    for (const image of shoot.good) {
      const key = `shoot/${image.relativePath}`;
      const name = path.posix.basename(key).replace(/\.\w+$/, "");
      const dir = path.posix.dirname(key);
      const webp = `${dir}/${name}_w400.webp`;
      const png = `thumbs/${dir}/${name}.png`;
      expected.push(key, webp, png);
      expect(await bucket.image(key)).toMatchObject({ width: image.width, height: image.height });
      expect(await bucket.image(webp)).toMatchObject({
        format: "webp",
        width: 400,
        height: Math.round((400 * image.height) / image.width),
      });
      expect(await bucket.image(png)).toMatchObject({
        format: "png",
        width: Math.round(image.width / 2),
        height: Math.round(image.height / 2),
      });
    }
    // Exactly these objects: nothing from the refused files, nothing extra.
    expect(await bucket.keys()).toEqual(expected.sort());
  } finally {
    await bucket.close();
  }

  // Results are shown per file, with COS's ProcessResults.
  const first = page.getByTestId("batch-item").filter({ hasText: "shoot/photo-00.jpg" });
  await expect(first.getByTestId("process-result")).toHaveCount(2);
  await expect(first.getByTestId("process-result").first()).toContainText("WEBP 400×300");
  await expect(first.getByTestId("original-info")).toContainText(
    "picops-1250000000.cos.ap-local.myqcloud.com/shoot/photo-00.jpg",
  );
  // Each result has a thumbnail made by the bucket (download-time processing).
  await first.scrollIntoViewIfNeeded();
  const thumbnail = first.getByTestId("process-result").first().locator("img");
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);
});

test("files dropped on the window are checked by content and listed", async ({ page, webHost }) => {
  await page.goto(webHost.url);
  const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: "#00ff00" } })
    .png()
    .toBuffer();
  const transfer = await page.evaluateHandle((base64: string) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], "dropped.png", { type: "image/png" }));
    data.items.add(new File(["not an image at all"], "fake.jpg", { type: "image/jpeg" }));
    return data;
  }, png.toString("base64"));
  await page.getByTestId("dropzone").dispatchEvent("drop", { dataTransfer: transfer });
  await expect(page.getByRole("heading", { name: "1 ready, 1 kept out" })).toBeVisible();
  const fake = page.getByTestId("intake-file").filter({ hasText: "fake.jpg" });
  await expect(fake.getByTestId("intake-problem")).toContainText("not an image");
});

test("an earlier batch can be shown again from the history, and a finished one removed", async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url);
  const drop = async (name: string) =>
    page.getByTestId("file-input").setInputFiles({
      name,
      mimeType: "image/png",
      buffer: await sharp({ create: { width: 80, height: 60, channels: 3, background: "#3d6d9d" } })
        .png()
        .toBuffer(),
    });
  const uploadAll = async () => {
    await page.getByRole("button", { name: "Review plan" }).click();
    await page.getByRole("button", { name: /^Upload 1 file$/ }).click();
    await expect(page.getByTestId("batch-state")).toHaveText("Finished", { timeout: 30_000 });
  };

  // First batch: a rule the Local bucket cannot run, so its one file fails.
  await drop("first.png");
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Rule 1", { exact: true }).fill("imageMogr2/format/tpg");
  await uploadAll();
  await expect(page.getByTestId("batch-history")).toHaveCount(0);
  await page.getByRole("button", { name: "Remove rule 1" }).click();
  await drop("second.png");
  await uploadAll();

  const history = page.getByTestId("history-batch");
  await expect(history).toHaveCount(2);
  await expect(history.first()).toHaveAttribute("aria-current", "true");
  await expect(history.first()).toContainText("1 done, 0 failed of 1");
  await expect(history.nth(1)).toContainText("0 done, 1 failed of 1");

  // Back to the first batch: its failure and Retry are there again.
  await history
    .nth(1)
    .getByRole("button", { name: /^Show the batch of / })
    .click();
  await expect(page.getByTestId("batch-item")).toContainText("first.png");
  await expect(page.getByTestId("item-error")).toContainText("NotImplemented");
  await expect(history.nth(1)).toHaveAttribute("aria-current", "true");

  await history
    .nth(1)
    .getByRole("button", { name: /^Remove the batch of / })
    .click();
  await expect(page.getByTestId("batch-history")).toHaveCount(0);
  await expect(page.getByTestId("batch-item")).toContainText("second.png");
  await page.reload();
  await expect(page.getByTestId("batch-item")).toContainText("second.png");
  await expect(page.getByTestId("batch-history")).toHaveCount(0);
});

test("a rule naming a style the upload's bucket does not have is flagged in its slot, without blocking", async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url);
  await page.getByRole("button", { name: "Add a rule" }).click();
  const rule = page.getByLabel("Rule 1", { exact: true });
  await rule.fill("style/card");
  const warning =
    "Warning: style: picops-1250000000 has no style named card; refresh its styles if it was just added (col 1)";
  await expect(page.getByText(warning)).toBeVisible();
  await expect(rule).not.toHaveAttribute("aria-invalid", "true");
  await expect(rule).toHaveAttribute("aria-describedby", "rule-0-rule-warning");

  // Another bucket's styles were never read: nothing is claimed about them.
  await page.getByLabel("Bucket", { exact: true }).fill("elsewhere-1250000000");
  await expect(page.getByText(warning)).toHaveCount(0);
});
