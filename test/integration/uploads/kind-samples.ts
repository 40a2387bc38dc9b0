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
