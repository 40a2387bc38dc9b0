import sharp from "sharp";
import type { ImageMogr2Stage, Mogr2Op, Pipeline } from "../../../shared/rules/ast";
import { noiseImage } from "../../fixtures/images";

/** Pipelines built by hand: the engine is tested without the rule parser. */
export function mogr2(...ops: Mogr2Op[]): Pipeline {
  return { stages: [{ kind: "imageMogr2", ops } satisfies ImageMogr2Stage] };
}

export type Rgb = [number, number, number];

export const RED: Rgb = [255, 0, 0];
export const GREEN: Rgb = [0, 255, 0];
export const BLUE: Rgb = [0, 0, 255];
export const YELLOW: Rgb = [255, 255, 0];

/** A picture whose four quadrants are red (NW), green (NE), blue (SW) and yellow (SE). */
export async function quadrants(
  width: number,
  height: number,
  format: "png" | "jpg" = "png",
): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = y < height / 2 ? (x < width / 2 ? RED : GREEN) : x < width / 2 ? BLUE : YELLOW;
      data.set(colour, (y * width + x) * 3);
    }
  }
  const image = sharp(data, { raw: { width, height, channels: 3 } });
  return format === "png" ? image.png().toBuffer() : image.jpeg({ quality: 95 }).toBuffer();
}

/** Noise-like content, so that JPEG quality settings actually change the tables' effect. */
export async function noiseJpeg(width: number, height: number, quality: number): Promise<Buffer> {
  return noiseImage(width, height).jpeg({ quality }).toBuffer();
}

export async function solid(width: number, height: number, colour: string, format: "png" | "jpg" = "png") {
  const image = sharp({ create: { width, height, channels: 3, background: colour } });
  return format === "png" ? image.png().toBuffer() : image.jpeg({ quality: 90 }).toBuffer();
}

/** RGB of the pixel at (x, y) of any encoded image. */
export async function pixelAt(image: Buffer, x: number, y: number): Promise<Rgb> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at] ?? -1, data[at + 1] ?? -1, data[at + 2] ?? -1];
}

/** Alpha of the pixel at (x, y), 255 when the image has none. */
export async function alphaAt(image: Buffer, x: number, y: number): Promise<number> {
  const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return data[(y * info.width + x) * 4 + 3] ?? -1;
}

/** Whether two colours are within a JPEG's tolerance of each other. */
export function near(actual: Rgb, expected: Rgb, tolerance = 40): boolean {
  return actual.every((value, i) => Math.abs(value - (expected[i] ?? 0)) <= tolerance);
}

/** The format an encoded file really is, by its magic bytes. */
export function magic(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "jpeg";
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (data.toString("latin1", 0, 4) === "RIFF" && data.toString("latin1", 8, 12) === "WEBP") return "webp";
  if (data.toString("latin1", 0, 6) === "GIF89a" || data.toString("latin1", 0, 6) === "GIF87a") return "gif";
  if (data.toString("latin1", 0, 2) === "BM") return "bmp";
  if (data.toString("latin1", 4, 12) === "ftypavif") return "avif";
  return "unknown";
}
