import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addFiles, options, uploadAll } from "../daily/upload-steps";
import { type PicopsWithEndpoint, startPicops } from "../picgo/harness";

/**
 * A batch started without a plan first reads MD5s only where the duplicate check needs them
 * (equal sizes): the answers must be those of a check that read every file.
 */

let picops: PicopsWithEndpoint;
beforeEach(async () => {
  picops = await startPicops();
});
afterEach(async () => {
  await picops.close();
});

const flat = (red: number) =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r: red, g: 90, b: 30 } } })
    .png()
    .toBuffer();

describe("duplicates at start, without a plan", () => {
  it("skips only the file whose bytes are at its key, not another of the same size", async () => {
    const [red, redder, other] = await Promise.all([flat(200), flat(201), flat(10)]);
    expect(redder.length).toBe(red.length);
    await addFiles(picops, { "same.png": red, "changed.png": red });
    await uploadAll(picops, options());

    await addFiles(picops, { "same.png": red, "changed.png": redder, "new.png": other });
    const batch = await uploadAll(picops, options());
    expect(batch.items.map((item) => item.originalKey).sort()).toEqual(["changed.png", "new.png"]);
    expect(await picops.object("changed.png")).toEqual(redder);
    expect(await picops.object("same.png")).toEqual(red);
  });
});
