import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as pictureHeaders from "../../../electron/uploads/picture-headers";
import { animatedGif } from "../../fixtures/images";
import { photoJpeg } from "../uploads/kind-samples";
import { multipart, type PicopsWithEndpoint, post, startPicops } from "./harness";

/**
 * An editor's upload meets the plan's checks (issue 15, point 4): a default rule the engine
 * knows fails on one of the files' kinds is refused before any byte is sent, and the editor
 * reads the plan's sentence where it reads every refusal — `message` of a `success: false`.
 */

/** scrop needs every frame at once: the Local bucket's engine refuses it on an animation. */
const FAILS_ON_ANIMATIONS = "imageMogr2/scrop/60x60";
const REFUSAL = `Nothing was uploaded: Rule 1 (${FAILS_ON_ANIMATIONS}) fails on animated GIF images, such as notes/party.gif.`;

let picops: PicopsWithEndpoint;
beforeEach(async () => {
  picops = await startPicops();
  const preset = await picops.call("presets.save", { name: "Square", rule: FAILS_ON_ANIMATIONS });
  await picops.call("destinations.setDefault", {
    connectionId: "local",
    destination: {
      presetId: preset.id,
      keyTemplate: "notes/{name}.{ext}",
      outputTemplate: "{name}_sq.{ext}",
    },
  });
});
afterEach(async () => {
  await picops.close();
});

describe("an editor's upload under a rule that fails on one of its kinds", () => {
  it("is refused with the plan's sentence when it sends paths, and nothing lands in the bucket", async () => {
    const photo = path.join(picops.dir, "photo.jpg");
    const party = path.join(picops.dir, "party.gif");
    await writeFile(photo, await photoJpeg());
    await writeFile(party, await animatedGif());
    const headerReads = vi.spyOn(pictureHeaders, "readFileHeader");

    const answer = await post(picops.port, "/upload", {
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ list: [photo, party] }),
    });

    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ success: false, message: REFUSAL });
    // The checks use the headers read when the files were checked: none is read twice.
    expect(headerReads).not.toHaveBeenCalled();
    headerReads.mockRestore();
    expect(await picops.keys()).toEqual([]);
    expect((await picops.call("batches.list", {})).batches).toEqual([]);
  });

  it("is refused the same when it sends the files, and leaves no staged copy", async () => {
    const boundary = "picops-boundary";
    const answer = await post(picops.port, "/upload", {
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: multipart(boundary, [
        { field: "list", fileName: "photo.jpg", type: "image/jpeg", bytes: await photoJpeg() },
        { field: "list", fileName: "party.gif", type: "image/gif", bytes: await animatedGif() },
      ]),
    });

    expect(answer.json).toEqual({ success: false, message: REFUSAL });
    expect(await picops.keys()).toEqual([]);
    expect(await readdir(path.join(picops.dataDir, "staging")).catch(() => [])).toEqual([]);
  });
});
