import { access } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { openLocalBucket } from "./bucket-reader";
import { expect, test } from "./web-host-fixture";

const BUCKET = "picops-1250000000";
/** 300 images in nested prefixes: three days of 100 shots under `shoots/`. */
const KEYS = [1, 2, 3].flatMap((day) =>
  Array.from({ length: 100 }, (_, i) => `shoots/day-${day}/img-${String(i).padStart(3, "0")}.jpg`),
);

test("browse to a prefix, select 25 with the keyboard, process them with two rules", async ({
  page,
  webHost,
}) => {
  test.setTimeout(180_000);
  await page.goto(webHost.url);
  // Opening the Bucket tab lists the Local bucket, which starts it.
  await page.getByRole("tab", { name: "Bucket" }).click();
  const address = path.join(webHost.dataDir, "local-bucket", "address.json");
  await expect
    .poll(() =>
      access(address).then(
        () => true,
        () => false,
      ),
    )
    .toBe(true);

  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    const queue = [...KEYS];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let key = queue.shift(); key; key = queue.shift()) {
          const shade = KEYS.indexOf(key) % 255;
          const body = await sharp({
            create: { width: 400, height: 300, channels: 3, background: { r: shade, g: 90, b: 160 } },
          })
            .jpeg()
            .toBuffer();
          await bucket.client.putObject({ bucket: BUCKET, key, body });
        }
      }),
    );

    await page.getByRole("button", { name: "Open", exact: true }).click();
    const entry = (key: string) => page.locator(`[data-testid="entry"][data-key="${key}"]`);
    await entry("shoots/").click();
    await entry("shoots/day-2/").click();
    await expect(page.getByTestId("browse-status")).toHaveText("0 folders, 100 objects");
    await expect(page.getByRole("navigation", { name: "Folder path" })).toContainText("day-2");

    await page.getByRole("button", { name: "List", exact: true }).click();
    await entry("shoots/day-2/img-000.jpg").click();
    for (let i = 0; i < 24; i++) await page.keyboard.press("Shift+ArrowDown");
    await expect(page.getByTestId("browse-status")).toContainText("25 selected");
    await expect(page.getByTestId("object-details")).toContainText("400 × 300");

    await page.getByLabel("Rule 1").fill("imageMogr2/thumbnail/200x/format/png");
    await page.getByLabel("Output name").first().fill("{name}_200.png");
    await page.getByRole("button", { name: "Add a rule" }).click();
    await page.getByLabel("Rule 2").fill("imageMogr2/thumbnail/!50p/format/webp");
    await page.getByLabel("Output name").nth(1).fill("/half/{name}.webp");
    await page.getByRole("button", { name: "Review plan" }).click();
    await expect(page.getByTestId("plan-row")).toHaveCount(25);
    await expect(page.getByTestId("plan-warning")).toHaveCount(0);
    await page.getByRole("button", { name: "Process 25 objects" }).click();
    await expect(page.getByTestId("batch-state")).toHaveText("Finished", { timeout: 120_000 });
    await expect(page.getByTestId("batch-totals")).toContainText("25 of 25");

    const selected = KEYS.filter((key) => key.startsWith("shoots/day-2/")).slice(0, 25);
    const names = selected.map((key) => path.posix.basename(key, ".jpg"));
    const results = [
      ...names.map((name) => `shoots/day-2/${name}_200.png`),
      ...names.map((name) => `half/${name}.webp`),
    ];
    expect(await bucket.keys()).toEqual([...KEYS, ...results].sort());
    for (const name of names) {
      expect(await bucket.image(`shoots/day-2/${name}_200.png`)).toMatchObject({
        format: "png",
        width: 200,
        height: 150,
      });
      expect(await bucket.image(`half/${name}.webp`)).toMatchObject({
        format: "webp",
        width: 200,
        height: 150,
      });
    }
  } finally {
    await bucket.close();
  }
});
