import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaStore } from "../../../electron/media/media-store";
import { ORIGINAL_AS_THUMBNAIL_BYTES } from "../../../electron/media/original-as-thumbnail";
import { FileThumbnails } from "../../../electron/uploads/file-thumbnails";
import type { IntakeFile } from "../../../shared/uploads/intake";
import { animatedGif, noiseImage } from "../../fixtures/images";

let dir: string;
const files: IntakeFile[] = [];
const media = new MediaStore();
const thumbnails = new FileThumbnails(() => files, media);

/** Adds a file to the list, with the size intake saw (`listedBytes`), and asks for its 160-pixel thumbnail. */
async function thumbnailOf(name: string, bytes: Buffer, listedBytes = bytes.length) {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  files.push({ id: name, path: file, relativePath: name, size: listedBytes });
  const item = media.get(await thumbnails.get(name, 160));
  if (!item) throw new Error(`No thumbnail for ${name}.`);
  return { ...item, pixels: await sharp(item.bytes).metadata() };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "picops-file-thumbnails-"));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("thumbnails of the files added to an upload", () => {
  it("shows a small still picture as it is", async () => {
    const icon = await sharp({ create: { width: 320, height: 240, channels: 4, background: "#33669980" } })
      .png()
      .toBuffer();
    const shown = await thumbnailOf("icon.png", icon);
    expect(shown.mimeType).toBe("image/png");
    expect(shown.bytes.equals(icon)).toBe(true);
  });

  it("makes one for a photo, a small file of many pixels, an animation, and a file grown since it was added", async () => {
    const photo = await noiseImage(1200, 900, 60).jpeg({ quality: 95 }).toBuffer();
    expect(photo.length).toBeGreaterThan(ORIGINAL_AS_THUMBNAIL_BYTES);
    const wide = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#224466" } })
      .png()
      .toBuffer();
    // Few enough pixels to be shown as it is, were it not for its bytes.
    const grown = await noiseImage(600, 450, 60).jpeg({ quality: 100 }).toBuffer();
    expect(grown.length).toBeGreaterThan(ORIGINAL_AS_THUMBNAIL_BYTES);
    const made = [
      await thumbnailOf("photo.jpg", photo),
      await thumbnailOf("wide.png", wide),
      await thumbnailOf("grown.jpg", grown, 1000),
    ];
    for (const thumbnail of made) {
      expect(thumbnail.mimeType).toBe("image/webp");
      expect([thumbnail.pixels.width, thumbnail.pixels.height]).toEqual([160, 120]);
    }
    const loop = await thumbnailOf("loop.gif", await animatedGif(120, 80));
    expect(loop.mimeType).toBe("image/webp");
  });
});
