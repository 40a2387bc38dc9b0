import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { noiseImage } from "../fixtures/images";
import { openLocalBucket } from "./bucket-reader";
import { expect, startWebHost, test } from "./web-host-fixture";

const FILES = 30;

test("a batch killed mid-way resumes after a restart and ends exactly complete", async ({ page }) => {
  test.setTimeout(240_000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "picops-resume-"));
  const shoot = path.join(await mkdtemp(path.join(os.tmpdir(), "picops-resume-shoot-")), "batch");
  await mkdir(shoot);
  for (let i = 0; i < FILES; i++) {
    // Large enough that the batch is still running when the host is killed.
    const image = noiseImage(2400, 1600);
    await writeFile(
      path.join(shoot, `img-${String(i).padStart(2, "0")}.jpg`),
      await image.jpeg({ quality: 90 }).toBuffer(),
    );
  }

  let host = await startWebHost(dataDir);
  try {
    await page.goto(host.url);
    await page.getByTestId("folder-input").setInputFiles(shoot);
    await expect(page.getByRole("heading", { name: `${FILES} ready, 0 kept out` })).toBeVisible({
      timeout: 60_000,
    });
    await page.getByLabel("Uploads at once").fill("1");
    await page.getByRole("button", { name: "Add a rule" }).click();
    await page.getByLabel("Rule 1").fill("imageMogr2/thumbnail/1200x/format/webp/quality/90");
    await page.getByLabel("Output name").fill("{name}.webp");
    await page.getByRole("button", { name: "Review plan" }).click();
    await page.getByRole("button", { name: `Upload ${FILES} files` }).click();
    await expect(page.getByTestId("batch-totals")).toContainText(/\((?:[4-9]|\d\d) done/, {
      timeout: 120_000,
    });

    host.process.kill("SIGKILL");
    await new Promise((resolve) => host.process.once("exit", resolve));
    const killedAt = Date.now();
    const journalDir = path.join(dataDir, "batches");
    const [journalName] = await readdir(journalDir);
    const journal = await readFile(path.join(journalDir, journalName ?? ""), "utf8");
    const doneBeforeKill = journal
      .split("\n")
      .filter((line) => line.includes('"t":"done"'))
      .map((line) => JSON.parse(line).id as string);
    expect(doneBeforeKill.length).toBeGreaterThanOrEqual(4);
    expect(doneBeforeKill.length).toBeLessThan(FILES);
    const items = JSON.parse(journal.split("\n")[0] ?? "").batch.items as {
      id: string;
      originalKey: string;
    }[];
    const keysDoneBeforeKill = items
      .filter((item) => doneBeforeKill.includes(item.id))
      .map((item) => item.originalKey);

    host = await startWebHost(dataDir);
    await page.goto(host.url);
    const offer = page.getByTestId("resume-offer");
    await expect(offer).toContainText(`of ${FILES} files were done`);
    await offer.getByRole("button", { name: "Resume" }).click();
    await expect(page.getByTestId("batch-state")).toHaveText("Finished", { timeout: 180_000 });
    await expect(page.getByTestId("batch-totals")).toContainText(
      `${FILES} of ${FILES} files (${FILES} done, 0 failed)`,
    );

    const bucket = await openLocalBucket(dataDir);
    try {
      const expected = items.flatMap((item) => [
        item.originalKey,
        item.originalKey.replace(/\.jpg$/, ".webp"),
      ]);
      expect(await bucket.keys()).toEqual(expected.sort());
      // Files finished before the kill were not sent again after the restart.
      const objects = new Map((await bucket.objects()).map((object) => [object.key, object]));
      for (const key of keysDoneBeforeKill) {
        expect(Date.parse(objects.get(key)?.lastModified ?? "")).toBeLessThan(killedAt);
      }
      for (const item of items)
        expect((await bucket.image(item.originalKey.replace(/\.jpg$/, ".webp"))).width).toBe(1200);
    } finally {
      await bucket.close();
    }
  } finally {
    host.process.kill("SIGTERM");
    await rm(dataDir, { recursive: true, force: true });
  }
});
