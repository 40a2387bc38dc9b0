import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { EventBus } from "../../../electron/ipc/event-bus";
import { PresetService } from "../../../electron/presets/service";
import { PicopsError } from "../../../shared/errors";

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "picops-presets-"));
  file = path.join(dir, "presets.json");
});

const onDisk = async () =>
  JSON.parse(await readFile(file, "utf8")) as { version: number; presets: { name: string; rule: string }[] };

describe("PresetService", () => {
  it("saves, renames, duplicates and deletes presets, each change on disk and announced", async () => {
    const bus = new EventBus();
    const announced: number[] = [];
    bus.subscribe((name, payload) => {
      if (name === "presets.changed") announced.push((payload as { presets: unknown[] }).presets.length);
    });
    const service = await PresetService.open(file, bus);
    const web = await service.save("Web 800", "imageMogr2/thumbnail/800x/format/webp");
    const thumb = await service.save("Thumb", "imageMogr2/thumbnail/200x200");
    await service.rename(web.id, "Web 800 px");
    const copy = await service.duplicate(web.id);
    expect(copy).toMatchObject({ name: "Web 800 px (copy)", rule: "imageMogr2/thumbnail/800x/format/webp" });
    expect(copy.id).not.toBe(web.id);
    await service.delete(thumb.id);

    expect((await onDisk()).presets.map((p) => p.name)).toEqual(["Web 800 px", "Web 800 px (copy)"]);
    expect(announced).toEqual([1, 2, 2, 3, 2]);

    // A new service on the same folder (an app restart) sees the same presets.
    const reopened = await PresetService.open(file);
    expect(reopened.list()).toEqual({ presets: service.list().presets });
    // Only the file itself remains: the atomic writes left no temporary files behind.
    expect(await readdir(dir)).toEqual(["presets.json"]);
  });

  it("refuses to change a preset that does not exist, with a code", async () => {
    const service = await PresetService.open(file);
    await expect(service.rename("nope", "x")).rejects.toMatchObject({ code: "not-found" });
    await expect(service.delete("nope")).rejects.toBeInstanceOf(PicopsError);
    // A failed change does not block the next one.
    await service.save("Ok", "imageMogr2/strip");
    expect(service.list().presets).toHaveLength(1);
  });

  it("keeps changes made in quick succession", async () => {
    const service = await PresetService.open(file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => service.save(`P${i}`, `imageMogr2/rotate/${i}`)));
    expect((await onDisk()).presets.map((p) => p.name)).toEqual(
      Array.from({ length: 20 }, (_, i) => `P${i}`),
    );
  });

  it("moves an unreadable file aside, reports it, and starts empty", async () => {
    await writeFile(file, "{ this is not json");
    const service = await PresetService.open(file);
    const { presets, problem } = service.list();
    expect(presets).toEqual([]);
    const aside = (await readdir(dir)).find((name) => name.startsWith("presets.json.unreadable-"));
    expect(aside).toBeDefined();
    expect(problem).toEqual({
      messageId: "presets-file-unreadable",
      values: { aside: path.join(dir, aside as string) },
    });
    expect(await readFile(path.join(dir, aside as string), "utf8")).toBe("{ this is not json");
    // Saving afterwards writes a fresh file, the damaged one stays where it was moved.
    await service.save("New", "imageMogr2/strip");
    expect((await onDisk()).presets).toHaveLength(1);
    expect(await readdir(dir)).toContain(aside);
  });

  it("keeps the readable presets of a partly damaged file and moves the original aside", async () => {
    const good = { id: "a", name: "Good", rule: "imageMogr2/strip", updatedAt: "2026-01-01T00:00:00.000Z" };
    const original = JSON.stringify({ version: 1, presets: [good, { id: "b", name: 42 }] });
    await writeFile(file, original);
    const service = await PresetService.open(file);
    expect(service.list().presets).toEqual([good]);
    expect(service.list().problem).toMatchObject({ messageId: "presets-file-damaged", values: { lost: 1 } });
    const aside = (await readdir(dir)).find((name) => name.startsWith("presets.json.unreadable-"));
    expect(await readFile(path.join(dir, aside as string), "utf8")).toBe(original);
    expect((await onDisk()).presets).toEqual([good]);
  });

  it("exports presets and imports them elsewhere, reporting each skipped preset and why", async () => {
    const source = await PresetService.open(file);
    await source.save("Web", "imageMogr2/thumbnail/800x/format/webp");
    const exported = source.export();
    expect(exported.mimeType).toBe("application/json");
    expect(JSON.parse(exported.content)).toEqual({
      format: "picops-presets",
      version: 1,
      presets: [{ name: "Web", rule: "imageMogr2/thumbnail/800x/format/webp" }],
    });

    const otherDir = await mkdtemp(path.join(os.tmpdir(), "picops-presets-"));
    const target = await PresetService.open(path.join(otherDir, "presets.json"));
    const exchange = JSON.parse(exported.content) as { presets: unknown[] };
    exchange.presets.push(
      { name: "Zero", rule: "imageMogr2/thumbnail/0x" },
      { name: "", rule: "imageMogr2/strip" },
      "not a preset",
      { name: "Web", rule: "imageMogr2/thumbnail/800x/format/webp" },
    );
    const result = await target.import(JSON.stringify(exchange));
    expect(result.added.map((p) => p.name)).toEqual(["Web"]);
    expect(result.skipped).toEqual([
      {
        index: 1,
        name: "Zero",
        reason: { messageId: "preset-rule-invalid", values: { column: 22 } },
        rule: "imageMogr2/thumbnail/0x",
      },
      { index: 2, name: "", reason: { messageId: "preset-field-invalid", values: { field: "name" } } },
      { index: 3, reason: { messageId: "preset-field-invalid", values: { field: "preset" } } },
      { index: 4, name: "Web", reason: { messageId: "preset-already-saved" } },
    ]);
    expect(target.list().presets.map((p) => p.rule)).toEqual(["imageMogr2/thumbnail/800x/format/webp"]);
  });

  it("refuses a file that is not a presets file, adding nothing", async () => {
    const service = await PresetService.open(file);
    await expect(service.import("[1, 2]")).rejects.toMatchObject({ code: "invalid-presets-file" });
    await expect(service.import("nope")).rejects.toMatchObject({ code: "invalid-presets-file" });
    expect(service.list().presets).toEqual([]);
  });
});
