import sharp, { type Sharp } from "sharp";
import { describe, expect, it } from "vitest";
import { photoLikeJpeg } from "../../../bench/lib/photo";
import { describeImage } from "../../../electron/engine";
import { fullResolutionMean } from "../../fixtures/images";

/**
 * COS's `Ave` is the mean colour of every pixel. The engine may read it from a smaller
 * decode (a JPEG's DC coefficients, a WebP's area-averaged scaled decode); it must still
 * agree within one level per channel with the mean of a full-resolution sRGB decode.
 */

function channels(ave: string): number[] {
  expect(ave).toMatch(/^0x[0-9a-f]{6}$/);
  return [2, 4, 6].map((at) => Number.parseInt(ave.slice(at, at + 2), 16));
}

/** Smooth ramps across a size that is not a multiple of 8, so edge blocks are partial. */
function gradient(width: number, height: number): Sharp {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data.set(
        [(255 * x) / width, (255 * y) / height, 255 - (200 * (x + y)) / (width + height)],
        (y * width + x) * 3,
      );
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

/** Bright noise, much of it clipped at 255 once decoded. */
function highlights(width: number, height: number): Sharp {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: "#f0f0e0",
      noise: { type: "gaussian", mean: 235, sigma: 40 },
    },
  });
}

/** Half the picture transparent, over colours that differ from the opaque half's. */
async function transparentPng(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data.set(x < width / 2 ? [200, 40, 90, 255] : [10, 220, 30, 0], (y * width + x) * 4);
    }
  }
  return sharp(data, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

const images: [string, () => Promise<Buffer>][] = [
  ["a photo-like JPEG", () => photoLikeJpeg(2000, 1500, 7)],
  ["a gradient JPEG of odd size", () => gradient(1001, 757).jpeg({ quality: 85 }).toBuffer()],
  ["a JPEG with clipped highlights", () => highlights(1200, 800).jpeg({ quality: 92 }).toBuffer()],
  ["a CMYK JPEG", () => gradient(900, 600).toColourspace("cmyk").jpeg({ quality: 90 }).toBuffer()],
  ["a grey JPEG", () => gradient(800, 600).greyscale().jpeg({ quality: 90 }).toBuffer()],
  ["a 4:4:4 JPEG", () => photoLikeJpeg(1200, 900, 3, 95)],
  ["a lossy WebP", () => gradient(1200, 900).webp({ quality: 80 }).toBuffer()],
  ["a transparent PNG", () => transparentPng(640, 480)],
  ["a small JPEG", () => gradient(40, 30).jpeg({ quality: 90 }).toBuffer()],
  ["a small CMYK JPEG", () => gradient(200, 150).toColourspace("cmyk").jpeg({ quality: 90 }).toBuffer()],
  ["a grey PNG", () => gradient(640, 480).greyscale().png().toBuffer()],
  ["a grey PNG with alpha", () => gradient(640, 480).greyscale().ensureAlpha(0.5).png().toBuffer()],
  ["a 16-bit PNG", () => gradient(300, 200).toColourspace("rgb16").png().toBuffer()],
];

describe("describeImage's Ave", () => {
  it.each(images)("agrees with a full-resolution mean within one level for %s", async (_name, make) => {
    const image = await make();
    const expected = await fullResolutionMean(image);
    const actual = channels((await describeImage(image)).ave);
    for (const [c, value] of actual.entries())
      expect(Math.abs(value - (expected[c] as number))).toBeLessThanOrEqual(1);
  });
});
