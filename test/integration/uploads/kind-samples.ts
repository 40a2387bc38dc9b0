import sharp from "sharp";
import { noiseImage } from "../../fixtures/images";

/** Small pictures of each kind a plan tries rules on, made by sharp. */

/** A photo-like JPEG. */
export function photoJpeg(width = 160, height = 120): Promise<Buffer> {
  return noiseImage(width, height, 30).jpeg({ quality: 80 }).toBuffer();
}

/** A still GIF of one flat colour, no transparent colour declared. */
export function opaqueStillGif(): Promise<Buffer> {
  return sharp({ create: { width: 60, height: 40, channels: 3, background: "#336699" } })
    .gif()
    .toBuffer();
}

/** A still GIF whose left half is see-through. */
export function transparentStillGif(): Promise<Buffer> {
  const [width, height] = [60, 40];
  const pixels = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    pixels.set([200, 40, 40, i % width < width / 2 ? 0 : 255], i * 4);
  }
  return sharp(pixels, { raw: { width, height, channels: 4 } })
    .gif()
    .toBuffer();
}
