import sharp from "sharp";
import { noiseImage } from "../../fixtures/images";

/** Small pictures of each kind a plan tries rules on, made by sharp. */

/** Three frames of different colours, `width`×`height` each: an animated GIF. */
export async function animatedGif(width = 120, height = 80): Promise<Buffer> {
  const area = width * height;
  const strip = Buffer.alloc(area * 3 * 3);
  [
    [255, 0, 0],
    [0, 255, 0],
    [0, 0, 255],
  ].forEach((colour, frame) => {
    for (let i = frame * area; i < (frame + 1) * area; i++) strip.set(colour, i * 3);
  });
  return sharp(strip, { raw: { width, height: height * 3, channels: 3, pageHeight: height } })
    .gif({ delay: [100, 100, 100], loop: 0 })
    .toBuffer();
}

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
