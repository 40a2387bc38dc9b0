import sharp, { type Sharp } from "sharp";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { photoLikeJpeg } from "../../../bench/lib/photo";
import { describeImage } from "../../../electron/engine";
import { ENGINE_MEMORY } from "../../../electron/engine/memory-budget";
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

describe("the every-pixel mean's memory", () => {
  /** The whole budget taken, as by other work, until the test ends however it ends. */
  async function budgetSpent() {
    const reserve = vi.spyOn(ENGINE_MEMORY, "reserve");
    const busy = await ENGINE_MEMORY.reserve(ENGINE_MEMORY.capacityBytes);
    onTestFinished(() => {
      busy();
      reserve.mockRestore();
    });
    return { reserve, free: busy };
  }

  it("waits for room in the engine's budget before a PNG is decoded whole, and gives it back", async () => {
    const [width, height] = [1200, 900];
    const png = await gradient(width, height).png().toBuffer();
    const { reserve, free } = await budgetSpent();
    let settled = false;
    const described = describeImage(png).finally(() => {
      settled = true;
    });
    await vi.waitFor(() => expect(reserve).toHaveBeenCalledWith(width * height * 3, undefined));
    // As long as the budget is spent, the mean cannot be read: a decode as large ends first.
    await sharp(png).raw().toBuffer();
    expect(settled).toBe(false);
    free();
    const { ave } = await described;
    const expected = await fullResolutionMean(png);
    for (const [c, value] of channels(ave).entries())
      expect(Math.abs(value - (expected[c] as number))).toBeLessThanOrEqual(1);
    // Every byte is back: the whole budget can be taken again at once.
    (await ENGINE_MEMORY.reserve(ENGINE_MEMORY.capacityBytes))();
  });

  it("gives its place in the queue up when the read is cancelled", async () => {
    const png = await gradient(800, 600).png().toBuffer();
    const { reserve, free } = await budgetSpent();
    const controller = new AbortController();
    const described = describeImage(png, { signal: controller.signal });
    await vi.waitFor(() => expect(reserve).toHaveBeenCalledTimes(2));
    controller.abort();
    await expect(described).rejects.toMatchObject({ code: "aborted" });
    free();
    (await ENGINE_MEMORY.reserve(ENGINE_MEMORY.capacityBytes))();
  });
});
