import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { noiseImage } from "../../fixtures/images";
import { type PicopsWithEndpoint, startPicops } from "../picgo/harness";
import { addFiles, options, uploadAll } from "./upload-steps";

let picops: PicopsWithEndpoint;
beforeEach(async () => {
  picops = await startPicops();
});
afterEach(async () => {
  await picops.close();
});

const kinds = (plan: { warnings: { kind: string; key: string; sameAs?: string }[] }) =>
  plan.warnings.map(({ kind, key, sameAs }) => (sameAs ? { kind, key, sameAs } : { kind, key }));

describe("duplicates before upload", () => {
  it("skips a file already at its key with the same bytes and flags identical files of the batch", async () => {
    const cat = await noiseImage(40, 30).png().toBuffer();
    const dog = await noiseImage(30, 40).png().toBuffer();
    await addFiles(picops, { "cat.png": cat, "bird.png": await noiseImage(20, 20).png().toBuffer() });
    await uploadAll(picops, options());

    await addFiles(picops, {
      "cat.png": cat,
      "dog.png": dog,
      "dog copy.png": dog,
      "bird.png": await noiseImage(25, 25).png().toBuffer(),
    });
    const { plans } = await picops.call("uploads.plan", { options: options() });
    expect(Object.fromEntries(plans.map((plan) => [plan.originalKey, kinds(plan)]))).toEqual({
      "cat.png": [{ kind: "already-there", key: "cat.png" }],
      "dog.png": [],
      "dog copy.png": [{ kind: "identical-in-batch", key: "dog copy.png", sameAs: "dog.png" }],
      "bird.png": [{ kind: "overwrites-existing", key: "bird.png" }],
    });

    const batch = await uploadAll(picops, options());
    expect(batch.items.map((item) => item.originalKey).sort()).toEqual([
      "bird.png",
      "dog copy.png",
      "dog.png",
    ]);
    expect(await picops.object("dog copy.png")).toEqual(dog);
    expect((await picops.call("files.list", {})).files).toEqual([]);
  });

  it("uploads nothing when every file is already there, unless asked to send identical files", async () => {
    const cat = await noiseImage(40, 30).png().toBuffer();
    await addFiles(picops, { "cat.png": cat });
    await uploadAll(picops, options());
    await addFiles(picops, { "cat.png": cat });
    await expect(picops.call("uploads.start", { options: options() })).rejects.toThrow(
      /already in the bucket/,
    );
    expect((await picops.call("files.list", {})).files).toHaveLength(1);

    const again = await uploadAll(picops, options({ uploadIdentical: true }));
    expect(again.items.map((item) => [item.originalKey, item.state])).toEqual([["cat.png", "done"]]);
  });
});
