import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLocalBucketClient } from "../../../electron/connections/local-connection";
import { LOCAL_BUCKET_NAME } from "../../../shared/connections";
import type { CallResult } from "../../../shared/ipc/contract";
import { animatedGif } from "../../fixtures/images";
import { type PicopsWithEndpoint, startPicops } from "../picgo/harness";
import { photoJpeg } from "./kind-samples";

/**
 * Processing a prefix of the Local bucket tries each rule on one object of each kind found
 * over the whole prefix, not its first 200 objects (issue 15, point 4).
 */

const PHOTOS = 230;
/** scrop needs every frame at once: the Local bucket's engine refuses it on an animation. */
const rules = [{ rule: "imageMogr2/scrop/60x60", fileid: "{name}_crop.{ext}" }];
const selection = { bucket: LOCAL_BUCKET_NAME, prefix: "shoot/" };
const processOptions = { isPicInfo: false, rules, concurrency: 2 };

let picops: PicopsWithEndpoint;
beforeAll(async () => {
  picops = await startPicops();
  const bucket = await openLocalBucketClient(path.join(picops.dataDir, "local-bucket"));
  try {
    const photo = await photoJpeg(40, 30);
    const keys = Array.from({ length: PHOTOS }, (_, index) => `shoot/p${String(index).padStart(3, "0")}.jpg`);
    for (let at = 0; at < keys.length; at += 10) {
      await Promise.all(
        keys
          .slice(at, at + 10)
          .map((key) => bucket.client.putObject({ bucket: LOCAL_BUCKET_NAME, key, body: photo })),
      );
    }
    // Listed after every photo: the 231st object of the prefix.
    await bucket.client.putObject({
      bucket: LOCAL_BUCKET_NAME,
      key: "shoot/z-party.gif",
      body: await animatedGif(),
    });
  } finally {
    await bucket.client.close();
  }
});
afterAll(async () => {
  await picops.close();
});

describe("processing a prefix of more than 200 objects", () => {
  it("plans an error for the animation listed after the 200th object", async () => {
    const { plans } = await picops.call("processing.plan", { selection, options: processOptions });
    expect(plans).toHaveLength(PHOTOS + 1);
    expect(plans.at(-1)).toMatchObject({
      originalKey: "shoot/z-party.gif",
      problem: {
        messageId: "rule-fails-on-animated",
        values: { n: 1, rule: "imageMogr2/scrop/60x60", format: "GIF", sample: "shoot/z-party.gif" },
      },
    });
    expect(plans.filter((plan) => plan.problem)).toHaveLength(1);
  });

  it("refuses to start it, and writes nothing", async () => {
    const result = (await picops.services.router.call("processing.start", {
      selection,
      options: processOptions,
    })) as CallResult<unknown>;
    expect(result).toMatchObject({
      ok: false,
      error: { code: "invalid-plan", messageId: "rule-fails-on-animated" },
    });
    expect((await picops.keys()).filter((key) => key.includes("_crop"))).toEqual([]);
  });
});
