import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gifDeclaresTransparency } from "../../../electron/uploads/gif-transparency";
import { readObjectHeader } from "../../../electron/uploads/object-headers";
import { readFileHeader } from "../../../electron/uploads/picture-headers";
import { fileKindOf } from "../../../shared/uploads/file-kinds";
import { animatedGif, noiseImage } from "../../fixtures/images";
import { opaqueStillGif, photoJpeg, transparentStillGif } from "./kind-samples";

/**
 * Each picture's kind, read from its first bytes as a plan reads it (issue 15, point 4):
 * transparency from the picture itself — an alpha channel, a GIF's transparent colour —
 * not from its format, though libvips opens every GIF with an alpha channel.
 */

const PICTURES: Record<string, { make: () => Promise<Buffer>; kind: string }> = {
  "still.gif": { make: opaqueStillGif, kind: "plain" },
  "cut-out.gif": { make: transparentStillGif, kind: "transparent" },
  "party.gif": { make: () => animatedGif(), kind: "animated" },
  "logo.png": {
    make: () =>
      sharp({ create: { width: 30, height: 20, channels: 4, background: { r: 9, g: 9, b: 9, alpha: 0.5 } } })
        .png()
        .toBuffer(),
    kind: "transparent",
  },
  "flat.png": {
    make: () =>
      sharp({ create: { width: 30, height: 20, channels: 3, background: "#aa3300" } })
        .png()
        .toBuffer(),
    kind: "plain",
  },
  "scan.png": { make: () => noiseImage(30, 20).toColourspace("b-w").png().toBuffer(), kind: "grey" },
  "print.jpg": { make: () => noiseImage(30, 20).toColourspace("cmyk").jpeg().toBuffer(), kind: "cmyk" },
  "photo.jpg": { make: () => photoJpeg(), kind: "plain" },
  "sticker.webp": {
    make: () =>
      sharp({ create: { width: 30, height: 20, channels: 4, background: { r: 0, g: 90, b: 0, alpha: 0.2 } } })
        .webp()
        .toBuffer(),
    kind: "transparent",
  },
};

let folder: string;
const bytes = new Map<string, Buffer>();

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "picops-file-kinds-"));
  for (const [name, { make }] of Object.entries(PICTURES)) {
    const made = await make();
    bytes.set(name, made);
    await writeFile(path.join(folder, name), made);
  }
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const expected = Object.fromEntries(Object.entries(PICTURES).map(([name, { kind }]) => [name, kind]));

describe("a picture's kind", () => {
  it("is read from a file on this machine", async () => {
    const kinds: Record<string, string | undefined> = {};
    for (const name of Object.keys(PICTURES)) {
      const header = await readFileHeader(path.join(folder, name));
      kinds[name] = header && fileKindOf(header);
    }
    expect(kinds).toEqual(expected);
  });

  it("is read from an object's first bytes", async () => {
    const kinds: Record<string, string | undefined> = {};
    for (const name of Object.keys(PICTURES)) {
      const client = {
        getObject: async () => ({ metadata: {}, body: Readable.from([bytes.get(name) as Buffer]) }) as never,
      };
      const { header } = await readObjectHeader(client, { bucket: "photos-1250000000", key: name });
      kinds[name] = header && fileKindOf(header);
    }
    expect(kinds).toEqual(expected);
  });
});

describe("a GIF's transparency", () => {
  it("is a see-through pixel: libvips gives every GIF an alpha channel, and its GIFs declare a transparent colour", async () => {
    const still = bytes.get("still.gif") as Buffer;
    expect((await sharp(still).metadata()).hasAlpha).toBe(true);
    expect(gifDeclaresTransparency(still)).toBe(true);
    expect(await readFileHeader(path.join(folder, "still.gif"))).toMatchObject({ alpha: false });
    expect(await readFileHeader(path.join(folder, "cut-out.gif"))).toMatchObject({ alpha: true });
  });

  it("is none in a GIF that declares no transparent colour", async () => {
    const still = bytes.get("still.gif") as Buffer;
    // The same picture without its Graphic Control Extension (21 F9, 4 bytes, terminator).
    const control = still.indexOf(Buffer.from([0x21, 0xf9, 0x04]));
    const bare = Buffer.concat([still.subarray(0, control), still.subarray(control + 8)]);
    expect((await sharp(bare).metadata()).width).toBe(60);
    expect(gifDeclaresTransparency(bare)).toBe(false);
  });

  it("is not guessed for what is no GIF", () => {
    expect(gifDeclaresTransparency(bytes.get("logo.png") as Buffer)).toBeUndefined();
    expect(gifDeclaresTransparency(Buffer.from("GIF8"))).toBeUndefined();
  });
});
