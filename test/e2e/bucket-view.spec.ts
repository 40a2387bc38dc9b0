import { access, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { ORIGINAL_AS_THUMBNAIL_BYTES } from "../../electron/media/original-as-thumbnail";
import { noiseImage } from "../fixtures/images";
import { openLocalBucket } from "./bucket-reader";
import { expect, test } from "./web-host-fixture";

const BUCKET = "picops-1250000000";

/** Three pictures of different sizes, as a designer would pick them. */
async function makePictures(): Promise<string[]> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "picops-view-"));
  const pictures = [
    { name: "a.jpg", width: 640, height: 480 },
    { name: "b.png", width: 300, height: 200 },
    { name: "c.jpg", width: 1000, height: 800 },
  ];
  const files: string[] = [];
  for (const picture of pictures) {
    const image = sharp({
      create: { width: picture.width, height: picture.height, channels: 3, background: "#3366aa" },
    });
    const file = path.join(folder, picture.name);
    await writeFile(file, await (picture.name.endsWith(".png") ? image.png() : image.jpeg()).toBuffer());
    files.push(file);
  }
  return files;
}

/**
 * Resolves once the Local bucket, which the Bucket tab starts in a process of its own, has
 * written its address. On a loaded machine that start takes seconds: the wait is for the
 * file, bounded well past the default.
 */
async function localBucketStarted(dataDir: string): Promise<void> {
  const address = path.join(dataDir, "local-bucket", "address.json");
  await expect
    .poll(
      () =>
        access(address).then(
          () => true,
          () => false,
        ),
      { timeout: 45_000 },
    )
    .toBe(true);
}

/** Opens the Bucket tab on the Local bucket once it has started, and puts these objects into it. */
async function openBucketHolding(
  page: Page,
  webHost: { url: string; dataDir: string },
  objects: { key: string; body: Buffer }[],
): Promise<void> {
  await page.goto(webHost.url);
  await page.getByRole("tab", { name: "Bucket" }).click();
  await localBucketStarted(webHost.dataDir);
  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    for (const { key, body } of objects) await bucket.client.putObject({ bucket: BUCKET, key, body });
  } finally {
    await bucket.close();
  }
}

test("the Bucket tab shows what an upload wrote without a reload, refreshes, and sorts its list by pixels", async ({
  page,
  webHost,
}) => {
  test.setTimeout(120_000);
  const files = await makePictures();
  await page.goto(webHost.url);
  await page.getByRole("tab", { name: "Bucket" }).click();
  await localBucketStarted(webHost.dataDir);
  await page.getByRole("button", { name: "Open", exact: true }).click();
  const status = page.getByTestId("browse-status");
  await expect(status).toHaveText("0 folders, 0 objects");

  await page.getByRole("tab", { name: "Upload" }).click();
  await page.getByTestId("file-input").setInputFiles(files);
  await expect(page.getByRole("heading", { name: "3 ready, 0 kept out" })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "Review plan" }).click();
  await page.getByRole("button", { name: "Upload 3 files" }).click();
  await expect(page.getByTestId("batch-state")).toHaveText("Finished", { timeout: 60_000 });

  // The folder shown was listed again when the upload into it ended.
  await page.getByRole("tab", { name: "Bucket" }).click();
  await expect(status).toHaveText("0 folders, 3 objects");

  // Something else writes into the bucket: Refresh shows it.
  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    const webp = await sharp({ create: { width: 50, height: 40, channels: 3, background: "#aa3366" } })
      .webp()
      .toBuffer();
    await bucket.client.putObject({ bucket: BUCKET, key: "d.webp", body: webp });
  } finally {
    await bucket.close();
  }
  await expect(status).toHaveText("0 folders, 3 objects");
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(status).toHaveText("0 folders, 4 objects");

  await page.getByRole("button", { name: "List", exact: true }).click();
  const pixels = (key: string) =>
    page.locator(`[data-testid="entry"][data-key="${key}"]`).getByTestId("entry-pixels");
  await expect(pixels("a.jpg")).toHaveText("640 × 480");
  await expect(pixels("b.png")).toHaveText("300 × 200");
  await expect(pixels("c.jpg")).toHaveText("1000 × 800");
  await expect(pixels("d.webp")).toHaveText("50 × 40");

  const order = () => page.getByTestId("entry").evaluateAll((rows) => rows.map((row) => row.dataset.key));
  const header = page.getByTestId("list-header");
  await header.getByRole("button", { name: "Pixels" }).click();
  await expect.poll(order).toEqual(["d.webp", "b.png", "a.jpg", "c.jpg"]);
  await header.getByRole("button", { name: "Pixels" }).click();
  await expect.poll(order).toEqual(["c.jpg", "a.jpg", "b.png", "d.webp"]);
  await header.getByRole("button", { name: "Name" }).click();
  await expect.poll(order).toEqual(["a.jpg", "b.png", "c.jpg", "d.webp"]);
  await expect(header.getByRole("button", { name: "Name" })).toHaveAttribute("aria-pressed", "true");
});

test("an object picked in the bucket is previewed with processing in the bucket's rules, not the upload's", async ({
  page,
  webHost,
}) => {
  const [photo] = await makePictures();
  await page.goto(webHost.url);
  // The upload's rule is previewed first: it must not stay on screen for a bucket object.
  await page.getByTestId("file-input").setInputFiles(photo ?? "");
  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Rule 1", { exact: true }).fill("imageMogr2/thumbnail/400x/format/png");
  await page.getByRole("button", { name: "Preview a.jpg" }).click();
  const preview = page.getByTestId("preview");
  await expect(preview.getByTestId("preview-after-readout")).toContainText("400×300");

  await page.getByRole("tab", { name: "Bucket" }).click();
  await localBucketStarted(webHost.dataDir);
  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    const body = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#557799" } })
      .jpeg()
      .toBuffer();
    await bucket.client.putObject({ bucket: BUCKET, key: "harbour.jpg", body });
  } finally {
    await bucket.close();
  }
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await expect(page.getByTestId("browse-status")).toHaveText("0 folders, 1 object");
  await page.locator('[data-testid="entry"][data-key="harbour.jpg"]').click();

  // Processing in the bucket has one blank slot: the object is shown as it is, and says why.
  await expect(preview).toContainText("Sample: harbour.jpg");
  await expect(preview.getByTestId("preview-no-rules")).toContainText(
    "Process in the bucket has no rule yet",
  );
  await expect(preview.getByTestId("preview-before-readout")).toContainText("1200×900");
  await expect(preview.getByTestId("preview-after-readout")).toHaveCount(0);

  // Its own rule, as it is typed.
  await page.getByLabel("Rule 1", { exact: true }).fill("imageMogr2/thumbnail/300x/format/webp");
  await expect(preview.getByTestId("preview-rule")).toContainText("Rule 1");
  await expect(preview.getByTestId("preview-after-readout")).toContainText("300×225");
  await expect(preview.getByTestId("preview-after-readout")).toContainText("WEBP");
});

test("the object's details sit beside the grid at 1280×720 and 1440×900, and below it only on a narrow window", async ({
  page,
  webHost,
}) => {
  const body = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#557799" } })
    .jpeg()
    .toBuffer();
  await openBucketHolding(
    page,
    webHost,
    ["a.jpg", "b.jpg", "c.jpg"].map((key) => ({ key, body })),
  );
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await page.locator('[data-testid="entry"][data-key="b.jpg"]').click();
  await expect(page.getByTestId("details-dimensions")).toHaveText("320 × 240");

  const grid = page.getByTestId("object-view");
  const details = page.getByRole("region", { name: "Details" });
  /** Where the details are, measured against the grid once the layout has settled on the new size. */
  const placement = async () => {
    const [g, d] = [await grid.boundingBox(), await details.boundingBox()];
    if (!g || !d) return "not laid out";
    if (d.x >= g.x + g.width && d.y < g.y + g.height) {
      // Two columns of thumbnails (168 px tiles) still fit beside the details.
      return g.width >= 2 * 168 ? "beside" : `beside a ${g.width} px grid`;
    }
    return d.y >= g.y + g.height ? "below" : "overlapping";
  };
  for (const size of [
    { width: 1280, height: 720 },
    { width: 1440, height: 900 },
  ]) {
    await page.setViewportSize(size);
    await expect.poll(placement).toBe("beside");
    // Nothing in the details (the links menu's fields included) sticks out of their column.
    const column = await details.boundingBox();
    const widest = await details
      .locator("select, button, dd")
      .evaluateAll((all) => Math.max(...all.map((element) => element.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual((column?.x ?? 0) + (column?.width ?? 0));
  }
  await page.setViewportSize({ width: 960, height: 720 });
  await expect.poll(placement).toBe("below");
});

test("the grid shows a small picture as it is and a photo by the thumbnail COS makes of it", async ({
  page,
  webHost,
}) => {
  const icon = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#557799" } })
    .jpeg()
    .toBuffer();
  const photo = await noiseImage(1200, 900, 60).jpeg({ quality: 95 }).toBuffer();
  expect(photo.length).toBeGreaterThan(ORIGINAL_AS_THUMBNAIL_BYTES);
  await openBucketHolding(page, webHost, [
    { key: "icon.jpg", body: icon },
    { key: "photo.jpg", body: photo },
  ]);
  await page.getByRole("button", { name: "Open", exact: true }).click();
  /** The pixel size of the picture a tile shows, once it has loaded. */
  const shown = (key: string) =>
    page
      .locator(`[data-testid="entry"][data-key="${key}"] img.thumb`)
      .evaluate((image: HTMLImageElement) =>
        image.complete && image.naturalWidth > 0
          ? `${image.naturalWidth} × ${image.naturalHeight}`
          : "loading",
      )
      .catch(() => "not drawn");
  await expect.poll(() => shown("icon.jpg")).toBe("320 × 240");
  await expect.poll(() => shown("photo.jpg")).toBe("160 × 120");
});
