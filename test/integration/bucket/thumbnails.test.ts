import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORIGINAL_AS_THUMBNAIL_BYTES } from "../../../electron/media/original-as-thumbnail";
import { Thumbnails } from "../../../electron/media/thumbnails";
import { animatedGif, noiseImage } from "../../fixtures/images";
import { type BrowsingBucket, BUCKET, startBrowsingBucket } from "./fixture";

let env: BrowsingBucket;
let thumbnails: Thumbnails;

/** Puts a picture in the bucket and asks for its 160-pixel thumbnail, telling its size as a listing would. */
async function thumbnailOf(key: string, body: Buffer, listedBytes = body.length) {
  await env.client.putObject({ bucket: BUCKET, key, body });
  const url = await thumbnails.get({
    connectionId: "local",
    bucket: BUCKET,
    key,
    size: 160,
    bytes: listedBytes,
  });
  const item = env.media.get(url);
  if (!item) throw new Error(`No media item at ${url}.`);
  return { ...item, pixels: await sharp(item.bytes).metadata() };
}

beforeAll(async () => {
  env = await startBrowsingBucket();
  thumbnails = new Thumbnails({ get: async () => env.client } as never, env.media);
});

afterAll(() => env.dispose());

describe("thumbnails in the bucket browser", () => {
  it("shows a small still picture as it is: its own bytes, no thumbnail made by COS", async () => {
    const icon = await sharp({ create: { width: 320, height: 200, channels: 3, background: "#3366aa" } })
      .jpeg()
      .toBuffer();
    const shown = await thumbnailOf("small/icon.jpg", icon);
    expect(shown.mimeType).toBe("image/jpeg");
    expect(shown.bytes.equals(icon)).toBe(true);

    const logo = await sharp({ create: { width: 640, height: 400, channels: 4, background: "#ff000080" } })
      .png()
      .toBuffer();
    const shownPng = await thumbnailOf("small/logo.png", logo);
    expect(shownPng.mimeType).toBe("image/png");
    expect(shownPng.bytes.equals(logo)).toBe(true);
  });

  it("has COS make one for a small file that decodes to a picture far larger than the tile", async () => {
    const wide = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#224466" } })
      .png()
      .toBuffer();
    expect(wide.length).toBeLessThan(ORIGINAL_AS_THUMBNAIL_BYTES);
    const made = await thumbnailOf("small/wide.png", wide);
    expect(made.mimeType).toBe("image/webp");
    expect([made.pixels.width, made.pixels.height]).toEqual([160, 120]);
  });

  it("has COS make one for a photo, and for one listed as small that is not: the read stops at the limit", async () => {
    const photo = await noiseImage(600, 450, 60).jpeg({ quality: 100 }).toBuffer();
    expect(photo.length).toBeGreaterThan(ORIGINAL_AS_THUMBNAIL_BYTES);
    const made = await thumbnailOf("photos/large.jpg", photo);
    expect(made.mimeType).toBe("image/webp");
    expect([made.pixels.width, made.pixels.height]).toEqual([160, 120]);

    const misled = await thumbnailOf("photos/listed-small.jpg", photo, 1000);
    expect(misled.mimeType).toBe("image/webp");
    expect(misled.bytes.equals(photo)).toBe(false);
  });

  it("has COS make one for an animation, whose frames the tile would otherwise play", async () => {
    const made = await thumbnailOf("small/loop.gif", await animatedGif(120, 80));
    expect(made.mimeType).toBe("image/webp");
    expect(made.pixels.width).toBe(120);
  });
});
