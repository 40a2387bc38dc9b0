import { chmod, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { processImage } from "../../../electron/engine/index";
import { inspectSources } from "../../../electron/uploads/intake";
import { readFileHeader } from "../../../electron/uploads/picture-headers";
import { checkRule } from "../../../shared/rules/index";

let root: string;

beforeAll(async () => {
  root = path.join(await mkdtemp(path.join(os.tmpdir(), "picops-intake-")), "drop");
  await mkdir(path.join(root, "nested", "deeper"), { recursive: true });
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#123456" } })
    .jpeg()
    .toBuffer();
  await writeFile(path.join(root, "a.jpg"), jpeg);
  await writeFile(path.join(root, "nested", "b.webp"), await sharp(jpeg).webp().toBuffer());
  await writeFile(path.join(root, "nested", "deeper", "c.gif"), await sharp(jpeg).gif().toBuffer());
  await writeFile(path.join(root, "nested", "renamed.png"), "just some text");
  const bmp = await processImage(jpeg, checkRule("imageMogr2/format/bmp").pipeline);
  await writeFile(path.join(root, "nested", "d.bmp"), bmp.data);
  await writeFile(path.join(root, "nested", "broken.jpg"), jpeg.subarray(0, jpeg.length - 200));
  await writeFile(path.join(root, ".DS_Store"), "finder");
  const huge = Buffer.alloc(32 * 1024 * 1024 + 1);
  huge.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  await writeFile(path.join(root, "huge.png"), huge);
});

describe("inspectSources", () => {
  it("walks folders keeping relative paths, and checks every file by content", async () => {
    const files = (await inspectSources([{ path: root, relativePath: "drop" }])).map(({ file }) => file);
    const byPath = Object.fromEntries(files.map((f) => [f.relativePath, f]));
    expect(Object.keys(byPath).sort()).toEqual([
      "drop/a.jpg",
      "drop/huge.png",
      "drop/nested/b.webp",
      "drop/nested/broken.jpg",
      "drop/nested/d.bmp",
      "drop/nested/deeper/c.gif",
      "drop/nested/renamed.png",
    ]);
    expect(byPath["drop/a.jpg"]?.format).toBe("jpeg");
    expect(byPath["drop/a.jpg"]?.problem).toBeUndefined();
    expect(byPath["drop/nested/b.webp"]?.format).toBe("webp");
    expect(byPath["drop/nested/deeper/c.gif"]?.format).toBe("gif");
    // libvips reads no BMP: its header is read by hand, and the file is no longer taken for damaged.
    expect(byPath["drop/nested/d.bmp"]).toMatchObject({ format: "bmp", width: 64, height: 48 });
    expect(byPath["drop/nested/d.bmp"]?.problem).toBeUndefined();
    expect(byPath["drop/nested/renamed.png"]?.problem?.code).toBe("not-an-image");
    expect(byPath["drop/nested/broken.jpg"]?.problem).toMatchObject({ code: "corrupt" });
    expect(byPath["drop/huge.png"]?.problem).toMatchObject({
      code: "too-large",
      message: "32.0 MB is over COS's 32 MB limit for processing.",
    });
  });

  it("keeps each picture's header as Start's checks read it, so a Start reads no file again", async () => {
    const inspected = await inspectSources([{ path: root, relativePath: "drop" }]);
    const usable = inspected.filter(({ file }) => !file.problem);
    expect(usable.map(({ file }) => file.format).sort()).toEqual(["bmp", "gif", "jpeg", "webp"]);
    for (const { file, header } of usable) {
      expect(header).toBeDefined();
      expect(header).toEqual(await readFileHeader(file.path));
    }
    expect(usable.find(({ file }) => file.format === "jpeg")?.header).toMatchObject({
      format: "jpg",
      width: 64,
      height: 48,
      frames: 1,
      quality: expect.any(Number),
    });
    expect(inspected.filter(({ file }) => file.problem).every(({ header }) => header === undefined)).toBe(
      true,
    );
  });

  it("lists files it cannot read with the reason instead of failing", async () => {
    const files = (await inspectSources([{ path: path.join(root, "missing.jpg") }])).map(({ file }) => file);
    expect(files[0]).toMatchObject({ relativePath: "missing.jpg", problem: { code: "unreadable" } });
    if (process.getuid?.() !== 0) {
      const locked = path.join(root, "locked.jpg");
      await writeFile(locked, "x");
      await chmod(locked, 0);
      expect((await inspectSources([{ path: locked }]))[0]?.file.problem?.message).toMatch(
        /permission denied/,
      );
    }
  });

  it("walks a folder only so far: past its count of entries the drop is refused, and a cancel stops it", async () => {
    // The drop holds ten entries (files and folders, hidden ones included).
    const ten = await inspectSources([{ path: root }], undefined, { maxEntries: 10, maxMs: 60_000 });
    expect(ten).toHaveLength(7);
    await expect(
      inspectSources([{ path: root }], undefined, { maxEntries: 9, maxMs: 60_000 }),
    ).rejects.toMatchObject({
      code: "folder-too-large",
      status: 413,
      messageId: "folder-too-many-entries",
      values: { folder: root, max: 9 },
    });
    const cancelled = new AbortController();
    cancelled.abort(new Error("the designer cancelled"));
    await expect(inspectSources([{ path: root }], cancelled.signal)).rejects.toThrow(
      "the designer cancelled",
    );
  });
});
