import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { describeImage, processImage } from "../../../electron/engine";
import { magic, mogr2, near, pixelAt, quadrants, RED, YELLOW } from "./fixtures";

describe("format conversion (checked by magic bytes)", () => {
  for (const [format, expected, cosName, mime] of [
    ["jpg", "jpeg", "JPEG", "image/jpeg"],
    ["png", "png", "PNG", "image/png"],
    ["webp", "webp", "WEBP", "image/webp"],
    ["gif", "gif", "GIF", "image/gif"],
    ["bmp", "bmp", "BMP", "image/bmp"],
    ["avif", "avif", "AVIF", "image/avif"],
  ] as const) {
    it(`format/${format}`, async () => {
      const output = await processImage(await quadrants(61, 40), mogr2({ op: "format", format }));
      expect(magic(output.data)).toBe(expected);
      expect([output.format, output.mimeType, output.size]).toEqual([cosName, mime, output.data.length]);
    });
  }

  it("keeps the input format by default (GIF in, GIF out)", async () => {
    const gif = await sharp(await quadrants(40, 40))
      .gif()
      .toBuffer();
    const output = await processImage(gif, mogr2({ op: "rotate", degrees: 90 }));
    expect(magic(output.data)).toBe("gif");
  });

  it("writes a BMP that reads back pixel for pixel, odd width included", async () => {
    const output = await processImage(await quadrants(61, 40), mogr2({ op: "format", format: "bmp" }));
    // Read our BMP back through the engine itself, then compare with the source.
    const back = await processImage(output.data, mogr2({ op: "format", format: "png" }));
    expect([back.width, back.height]).toEqual([61, 40]);
    expect(await pixelAt(back.data, 0, 0)).toEqual(RED);
    expect(await pixelAt(back.data, 60, 39)).toEqual(YELLOW);
    expect((await describeImage(output.data)).format).toBe("BMP");
  });

  it("interlace/1 writes a progressive JPEG", async () => {
    const output = await processImage(
      await quadrants(64, 64),
      mogr2({ op: "format", format: "jpg" }, { op: "interlace", enabled: true }),
    );
    expect((await sharp(output.data).metadata()).isProgressive).toBe(true);
  });

  it("refuses formats it cannot write faithfully", async () => {
    for (const format of ["heif", "tpg", "svgc"] as const) {
      await expect(
        processImage(await quadrants(8, 8), mogr2({ op: "format", format })),
        format,
      ).rejects.toMatchObject({ code: "not-supported-locally" });
    }
  });

  it("keeps an animated GIF animated while resizing every frame", async () => {
    const strip = Buffer.alloc(40 * 120 * 3);
    for (let i = 0; i < strip.length; i += 3) strip[i + Math.floor(i / (40 * 40 * 3))] = 255;
    const frames = await sharp(strip, { raw: { width: 40, height: 120, channels: 3, pageHeight: 40 } })
      .gif()
      .toBuffer();
    const meta = await sharp(frames).metadata();
    if ((meta.pages ?? 1) < 2) return expect.fail("fixture is not animated");
    const output = await processImage(
      frames,
      mogr2({ op: "thumbnail", geometry: { mode: "fit", width: 20 } }),
    );
    const after = await sharp(output.data, { animated: true }).metadata();
    expect([after.pages, after.width, after.pageHeight]).toEqual([3, 20, 20]);
    expect([output.width, output.height]).toEqual([20, 20]);
  });
});

describe("adjustments", () => {
  it("grayscale makes every pixel grey", async () => {
    const output = await processImage(await quadrants(40, 40), mogr2({ op: "grayscale", enabled: true }));
    const [r, g, b] = await pixelAt(output.data, 0, 0);
    expect(r).toBe(g);
    expect(g).toBe(b);
    expect(r).toBeGreaterThan(60);
  });

  it("bright lifts and contrast spreads the levels", async () => {
    const grey = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#606060" } })
      .png()
      .toBuffer();
    const brighter = await processImage(grey, mogr2({ op: "bright", amount: 20 }));
    expect((await pixelAt(brighter.data, 0, 0))[0]).toBe(0x60 + 51);
    const contrasted = await processImage(grey, mogr2({ op: "contrast", amount: 50 }));
    expect((await pixelAt(contrasted.data, 0, 0))[0]).toBeLessThan(0x60);
  });

  it("blur softens the edge between quadrants, sharpen does not move flat areas", async () => {
    const input = await quadrants(40, 40);
    const blurred = await processImage(input, mogr2({ op: "blur", radius: 5, sigma: 3 }));
    expect(near(await pixelAt(blurred.data, 19, 5), RED, 10)).toBe(false);
    const sharpened = await processImage(input, mogr2({ op: "sharpen", amount: 70 }));
    expect(near(await pixelAt(sharpened.data, 5, 5), RED, 4)).toBe(true);
  });
});
