import { createHash } from "node:crypto";
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

describe("naming originals by a key template", () => {
  it("uploads every file under exactly the key the plan showed, random and hash included", async () => {
    const cat = await noiseImage(40, 30).png().toBuffer();
    const dog = await noiseImage(30, 40).jpeg().toBuffer();
    await addFiles(picops, { "Trip/cat.png": cat, "dog.jpg": dog });
    const named = options({
      keyTemplate: "notes/{dir}/{name}-{random:6}-{md5:8}.{ext}",
      rules: [{ rule: "imageMogr2/format/webp", fileid: "{name}.{format}" }],
    });

    const { plans } = await picops.call("uploads.plan", { options: named });
    const planned = plans.map((plan) => [plan.originalKey, ...plan.results.map((result) => result.key)]);
    expect(planned[0]?.[0]).toMatch(/^notes\/Trip\/cat-[a-z0-9]{6}-[0-9a-f]{8}\.png$/);
    expect(planned[1]?.[0]).toMatch(/^notes\/dog-[a-z0-9]{6}-[0-9a-f]{8}\.jpg$/);
    // Planning again names every file the same way: the plan is what will run.
    expect((await picops.call("uploads.plan", { options: named })).plans).toEqual(plans);

    const batch = await uploadAll(picops, named);
    expect(
      batch.items.map((item) => [item.originalKey, ...item.resultKeys.map((result) => result.key)]),
    ).toEqual(planned);
    const [catKey = "", catOutput = ""] = planned[0] ?? [];
    expect(await picops.object(catKey)).toEqual(cat);
    expect((await picops.keys()).sort()).toEqual(planned.flat().sort());
    expect(catKey).toContain(createHash("md5").update(cat).digest("hex").slice(0, 8));
    expect(catOutput).toMatch(/\.webp$/);
  });

  it("gives a file added anew its own randomness", async () => {
    const bytes = await noiseImage(20, 20).png().toBuffer();
    const named = options({ keyTemplate: "{random:12}.{ext}" });
    await addFiles(picops, { "a.png": bytes });
    const first = (await picops.call("uploads.plan", { options: named })).plans[0]?.originalKey;
    await picops.call("files.remove", {});
    await addFiles(picops, { "a.png": bytes });
    const second = (await picops.call("uploads.plan", { options: named })).plans[0]?.originalKey;
    expect(first).toMatch(/^[a-z0-9]{12}\.png$/);
    expect(second).not.toBe(first);
  });
});
