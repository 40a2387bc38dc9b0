import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as pictureHeaders from "../../../electron/uploads/picture-headers";
import type { AppError } from "../../../shared/errors";
import type { CallResult, EventPayload } from "../../../shared/ipc/contract";
import { animatedGif } from "../../fixtures/images";
import { type PicopsWithEndpoint, startPicops } from "../picgo/harness";
import { photoJpeg } from "../uploads/kind-samples";

/**
 * Quick upload runs the plan's checks (issue 15, point 4): no plan is shown for its files, so
 * a default whose rule the engine knows fails on one of their kinds is refused before any
 * byte is sent, with the plan's own sentence.
 */

/** scrop needs every frame at once: the Local bucket's engine refuses it on an animation. */
const FAILS_ON_ANIMATIONS = "imageMogr2/scrop/60x60";

let picops: PicopsWithEndpoint;
beforeEach(async () => {
  picops = await startPicops();
});
afterEach(async () => {
  await picops.close();
});

/** The Local connection's default: every dropped file processed by `rule`. */
async function defaultRule(rule: string) {
  const preset = await picops.call("presets.save", { name: "Default", rule });
  await picops.call("destinations.setDefault", {
    connectionId: "local",
    destination: { presetId: preset.id, keyTemplate: "{name}.{ext}", outputTemplate: "{name}_web.{ext}" },
  });
}

/** Writes the files as a drop gives them to Picops, and returns them as `uploads.quick` takes them. */
async function dropped(files: Record<string, Buffer>) {
  const folder = path.join(picops.dir, "drop");
  await mkdir(folder, { recursive: true });
  const sources = [];
  for (const [name, bytes] of Object.entries(files)) {
    const file = path.join(folder, name);
    await writeFile(file, bytes);
    picops.services.grantFiles([file]);
    sources.push({ path: file, relativePath: name });
  }
  return sources;
}

async function quick(sources: { path: string; relativePath: string }[]): Promise<CallResult<unknown>> {
  return (await picops.services.router.call("uploads.quick", { sources, prefix: "" })) as CallResult<unknown>;
}

function refusal(result: CallResult<unknown>): AppError {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe("uploads.quick", () => {
  it("refuses files whose default rule fails on one of their kinds, and sends nothing", async () => {
    await defaultRule(FAILS_ON_ANIMATIONS);
    const sources = await dropped({ "photo.jpg": await photoJpeg(), "party.gif": await animatedGif() });
    const headerReads = vi.spyOn(pictureHeaders, "readFileHeader");

    const error = refusal(await quick(sources));
    // The checks use the headers intake read: no file is opened for its header twice.
    expect(headerReads).not.toHaveBeenCalled();
    headerReads.mockRestore();

    expect(error).toMatchObject({
      code: "invalid-plan",
      messageId: "rule-fails-on-animated",
      values: { n: 1, rule: FAILS_ON_ANIMATIONS, format: "GIF", sample: "party.gif" },
      message: `Rule 1 (${FAILS_ON_ANIMATIONS}) fails on animated GIF images, such as party.gif.`,
      path: ["party.gif"],
    });
    expect(await picops.keys()).toEqual([]);
    expect((await picops.call("batches.list", {})).batches).toEqual([]);
  });

  it("uploads and processes files whose default rule runs on all their kinds", async () => {
    await defaultRule("imageMogr2/thumbnail/60x");
    const sources = await dropped({ "photo.jpg": await photoJpeg(), "party.gif": await animatedGif() });
    const finished = new Set<string>();
    let batchEnded = () => {};
    const stop = picops.services.bus.subscribe((name, payload) => {
      const { batch } = payload as EventPayload<"batches.progress">;
      if (name !== "batches.progress" || batch.state !== "finished") return;
      finished.add(batch.id);
      batchEnded();
    });
    try {
      const result = await quick(sources);
      if (!result.ok) throw new Error(result.error.message);
      const { id } = result.value as { id: string };
      await new Promise<void>((resolve) => {
        batchEnded = () => finished.has(id) && resolve();
        batchEnded();
      });
    } finally {
      stop();
    }

    expect(await picops.keys()).toEqual(["party.gif", "party_web.gif", "photo.jpg", "photo_web.jpg"]);
  });
});
