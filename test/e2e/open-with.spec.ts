import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { noiseImage } from "../fixtures/images";
import { expect, startWebHost, test } from "./web-host-fixture";

/** Files handed to Picops from outside its window are in the upload list when the window opens. */
test("files named on the command line are in the upload list, and stay there across a reload", async ({
  page,
}) => {
  const folder = await mkdtemp(path.join(os.tmpdir(), "picops-open-with-"));
  const photo = path.join(folder, "opened photo.jpg");
  const notes = path.join(folder, "notes.png");
  await writeFile(photo, await noiseImage(120, 80).jpeg().toBuffer());
  await writeFile(notes, "text, not a picture");
  const host = await startWebHost(path.join(folder, "data"), { openFiles: [photo, notes] });
  try {
    await page.goto(host.url);
    const files = page.getByTestId("intake-file");
    await expect(files).toHaveCount(2);
    await expect(files.filter({ hasText: "opened photo.jpg" })).toBeVisible();
    await expect(files.filter({ hasText: "notes.png" }).getByTestId("intake-problem")).toBeVisible();

    await page.reload();
    await expect(page.getByTestId("intake-file")).toHaveCount(2);
  } finally {
    host.process.kill("SIGTERM");
    await new Promise((resolve) => host.process.once("exit", resolve));
    await rm(folder, { recursive: true, force: true });
  }
});
