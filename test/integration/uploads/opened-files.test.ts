import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeyFileCipher } from "../../../electron/connections/cipher";
import { createLogger } from "../../../electron/logger";
import { createServices, type Services } from "../../../electron/services";
import type { CallResult, ChannelOutput, EventPayload } from "../../../shared/ipc/contract";
import { noiseImage } from "../../fixtures/images";

/** Files the operating system opens with Picops join the upload list and are announced to the window. */

let dir: string;
let services: Services;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "picops-opened-"));
  services = await createServices({
    dataDir: path.join(dir, "data"),
    cipher: await createKeyFileCipher(path.join(dir, "vault.key")),
    host: "web",
    version: "test",
    logger: createLogger(() => {}),
  });
});
afterEach(async () => {
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

describe("opening files with Picops", () => {
  it("adds them to the upload list, refusing what is not an image with its reason, and announces the list", async () => {
    const photo = path.join(dir, "photo.jpg");
    const notes = path.join(dir, "notes.png");
    await writeFile(photo, await noiseImage(64, 48).jpeg().toBuffer());
    await writeFile(notes, "not an image at all");
    const announced: EventPayload<"files.opened">[] = [];
    services.bus.subscribe((name, payload) => {
      if (name === "files.opened") announced.push(payload as EventPayload<"files.opened">);
    });

    await services.openFiles([photo, notes]);

    const listed = (await services.router.call("files.list", {})) as CallResult<ChannelOutput<"files.list">>;
    if (!listed.ok) throw new Error(listed.error.message);
    expect(announced).toEqual([{ files: listed.value.files }]);
    const byName = Object.fromEntries(listed.value.files.map((file) => [file.relativePath, file]));
    expect(byName["photo.jpg"]).toMatchObject({ path: photo, format: "jpeg" });
    expect(byName["photo.jpg"]?.problem).toBeUndefined();
    expect(byName["notes.png"]?.problem?.code).toBe("not-an-image");
  });

  it("announces nothing when a launch names no files", async () => {
    const announced: string[] = [];
    services.bus.subscribe((name) => announced.push(name));
    await services.openFiles([]);
    expect(announced).toEqual([]);
  });
});
