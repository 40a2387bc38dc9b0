import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";

// The icons are committed (packagers do not run `npm run icons`), so what is checked here is
// exactly what electron-builder will pack.
const buildDir = path.join(import.meta.dirname, "..", "..", "..", "build");

async function pixelSize(png: Buffer) {
  const { width, height, format } = await sharp(png).metadata();
  return { width, height, format };
}

function square(size: number) {
  return { width: size, height: size, format: "png" };
}

/** The PNGs inside a Windows .ico, with the size its directory claims for each. */
function icoImages(ico: Buffer) {
  expect(ico.readUInt16LE(2)).toBe(1);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, index) => {
    const entry = 6 + index * 16;
    const length = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    return { claimedSize: ico.readUInt8(entry) || 256, png: ico.subarray(offset, offset + length) };
  });
}

/** The elements of a macOS .icns by type. */
function icnsElements(icns: Buffer) {
  expect(icns.toString("ascii", 0, 4)).toBe("icns");
  expect(icns.readUInt32BE(4)).toBe(icns.length);
  const elements = new Map<string, Buffer>();
  for (let offset = 8; offset < icns.length; ) {
    const length = icns.readUInt32BE(offset + 4);
    elements.set(icns.toString("ascii", offset, offset + 4), icns.subarray(offset + 8, offset + length));
    offset += length;
  }
  return elements;
}

describe("application icons", () => {
  it("has a 1024 px master PNG", async () => {
    expect(await pixelSize(await readFile(path.join(buildDir, "icon.png")))).toEqual(square(1024));
  });

  it.each([16, 24, 32, 48, 64, 128, 256, 512])("has the Linux icon %i x %i", async (size) => {
    const png = await readFile(path.join(buildDir, "icons", `${size}x${size}.png`));
    expect(await pixelSize(png)).toEqual(square(size));
  });

  it("has a Windows .ico from 16 to 256 px, each entry the size it claims", async () => {
    const images = icoImages(await readFile(path.join(buildDir, "icon.ico")));
    expect(images.map(({ claimedSize }) => claimedSize)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const { claimedSize, png } of images) expect(await pixelSize(png)).toEqual(square(claimedSize));
  });

  it("has a macOS .icns with every size up to 1024 px Retina", async () => {
    const elements = icnsElements(await readFile(path.join(buildDir, "icon.icns")));
    const expected = {
      icp4: 16,
      icp5: 32,
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
      ic10: 1024,
    };
    expect([...elements.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [type, size] of Object.entries(expected)) {
      expect(await pixelSize(elements.get(type) as Buffer)).toEqual(square(size));
    }
  });
});
