import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeyFileCipher } from "../../../electron/connections/cipher";
import { FirstRunState } from "../../../electron/first-run/first-run-state";
import { createLogger } from "../../../electron/logger";
import { createServices } from "../../../electron/services";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "picops-first-run-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("FirstRunState", () => {
  it("welcomes a data folder once, and remembers the tour across restarts", async () => {
    const file = path.join(dir, "first-run.json");
    let welcomes = 0;
    const welcome = async () => {
      welcomes += 1;
    };

    const first = await FirstRunState.open(file, welcome);
    expect(first.tourSeen).toBe(false);
    // Not finishing the tour does not make the next start a first run again.
    const second = await FirstRunState.open(file, welcome);
    expect(second.tourSeen).toBe(false);
    expect(welcomes).toBe(1);

    await second.markTourSeen();
    expect((await FirstRunState.open(file, welcome)).tourSeen).toBe(true);
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ version: 1, tourSeen: true });
    expect(welcomes).toBe(1);
  });

  it("takes a damaged file as a folder Picops has run in, without a tour", async () => {
    const file = path.join(dir, "first-run.json");
    await writeFile(file, "{not json");
    let welcomed = false;
    const state = await FirstRunState.open(file, async () => {
      welcomed = true;
    });
    expect(state.tourSeen).toBe(true);
    expect(welcomed).toBe(false);
  });
});

describe("a first run of the app", () => {
  const start = async () =>
    createServices({
      dataDir: dir,
      cipher: await createKeyFileCipher(path.join(dir, "vault.key")),
      host: "web",
      version: "test",
      logger: createLogger(() => {}),
    });

  it("starts with starter presets and the tour, both once", async () => {
    let services = await start();
    const presets = await services.router.call("presets.list", {});
    expect(presets).toMatchObject({
      ok: true,
      value: {
        presets: [
          { name: "Web thumbnail 300 px WebP", rule: "imageMogr2/thumbnail/300x/format/webp" },
          { name: "Compress JPEG 80", rule: "imageMogr2/format/jpg/quality/80" },
          { name: "Square avatar 256" },
        ],
      },
    });
    expect(await services.router.call("tour.state", {})).toEqual({ ok: true, value: { seen: false } });
    const starters = presets.ok ? (presets.value as { presets: { id: string }[] }).presets : [];
    await services.router.call("presets.delete", { id: starters[0]?.id });
    await services.router.call("tour.markSeen", {});
    await services.close();

    services = await start();
    expect(await services.router.call("tour.state", {})).toEqual({ ok: true, value: { seen: true } });
    const after = await services.router.call("presets.list", {});
    expect(after.ok && (after.value as { presets: unknown[] }).presets).toHaveLength(2);
    await services.close();
  });

  it("adds no starters to a folder that already has presets", async () => {
    const preset = {
      id: "p1",
      name: "Mine",
      rule: "imageMogr2/quality/70",
      updatedAt: new Date().toISOString(),
    };
    await writeFile(path.join(dir, "presets.json"), JSON.stringify({ version: 1, presets: [preset] }));
    const services = await start();
    expect(await services.router.call("presets.list", {})).toEqual({
      ok: true,
      value: { presets: [preset] },
    });
    await services.close();
  });
});
