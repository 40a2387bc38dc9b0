import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage } from "../../../electron/engine";
import { checkRule } from "../../../shared/rules/index";
import { noiseImage } from "../../fixtures/images";
import { near, pixelAt, quadrants, RED } from "./fixtures";

/**
 * Semantics as CI's pages state them (issue 18, point 3): each test quotes the sentence of
 * the page it reproduces.
 */

function rule(text: string) {
  const { pipeline, diagnostics } = checkRule(text);
  expect(diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  return pipeline;
}

const sizeOf = (output: { width: number; height: number }) => [output.width, output.height];

describe("imageView2 (CI “Quick Thumbnail Template”, 1246/45370)", () => {
  const landscape = () => noiseImage(1000, 500).jpeg({ quality: 90 }).toBuffer();

  it("“1000x500 … ?imageView2/1/w/500/h/400 … scaled to 800x400, then 150 cut on the left and right, giving 500x400”", async () => {
    const input = await quadrants(1000, 500);
    const output = await processImage(input, rule("imageView2/1/w/500/h/400/format/png"));
    expect(sizeOf(output)).toEqual([500, 400]);
    // The cut is centred: the red quadrant (x < 400 of 800) ends at x = 250 of the output.
    expect(near(await pixelAt(output.data, 245, 100), RED)).toBe(true);
    expect(near(await pixelAt(output.data, 255, 100), RED)).toBe(false);
  });

  it("“1000x500 … ?imageView2/2/w/500/h/400 … scaled to 500x250”", async () => {
    expect(sizeOf(await processImage(await landscape(), rule("imageView2/2/w/500/h/400")))).toEqual([
      500, 250,
    ]);
  });

  it("“1000x500 … ?imageView2/3/w/500/h/400 … scaled to 800x400”", async () => {
    expect(sizeOf(await processImage(await landscape(), rule("imageView2/3/w/500/h/400")))).toEqual([
      800, 400,
    ]);
  });

  it("“quality parameters apply only to JPG and WebP pictures”: q sets WebP's quality, not AVIF's", async () => {
    const input = await landscape();
    const webp = await processImage(input, rule("imageView2/2/w/200/format/webp/q/30!"));
    expect(webp.quality).toBe(30);
    const avif = await processImage(input, rule("imageView2/2/w/200/format/avif/q/30!"));
    // The original's quality (90) is kept, as with no q at all.
    expect(avif.quality).toBe(90);
  });
});

describe("quality (CI “Quality Change”, 1045/33717)", () => {
  const ofQuality = (quality: number) => noiseImage(200, 100).jpeg({ quality }).toBuffer();

  it("“original quality 80, rquality 80 → the result's quality is 64 (80x80%)”", async () => {
    expect((await processImage(await ofQuality(80), rule("imageMogr2/rquality/80"))).quality).toBe(64);
  });

  it("“original 85, lquality 80 → 85; original 60, lquality 80 → raised to 80”", async () => {
    expect((await processImage(await ofQuality(85), rule("imageMogr2/lquality/80"))).quality).toBe(85);
    expect((await processImage(await ofQuality(60), rule("imageMogr2/lquality/80"))).quality).toBe(80);
  });

  it("“q takes the smaller of the original's quality and the one given; with ! the one given”", async () => {
    const original = await ofQuality(70);
    expect((await processImage(original, rule("imageMogr2/quality/90"))).quality).toBe(70);
    expect((await processImage(original, rule("imageMogr2/quality/90!"))).quality).toBe(90);
  });
});

describe("cut (CI “Cropping”, 1045/33714)", () => {
  it("“<dx>: horizontal offset relative to the top-left vertex” — gravity does not move it", async () => {
    const input = await quadrants(100, 100);
    const output = await processImage(input, rule("imageMogr2/gravity/southeast/cut/20x20x5x5/format/png"));
    expect(sizeOf(output)).toEqual([20, 20]);
    expect(near(await pixelAt(output.data, 10, 10), RED)).toBe(true);
  });
});

describe("real-world inputs (what sharp's own test fixtures cover), made here", () => {
  it("a CMYK JPEG comes out as an RGB picture of the same size", async () => {
    const cmyk = await noiseImage(120, 80).toColourspace("cmyk").jpeg().toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe("cmyk");
    const output = await processImage(cmyk, rule("imageMogr2/thumbnail/60x/format/png"));
    expect(sizeOf(output)).toEqual([60, 40]);
    expect((await sharp(output.data).metadata()).space).toBe("srgb");
  });

  it("a 16-bit PNG, a palette PNG and a grey PNG with alpha thumbnail like any other", async () => {
    const sixteen = await noiseImage(120, 80).toColourspace("rgb16").png().toBuffer();
    expect((await sharp(sixteen).metadata()).depth).toBe("ushort");
    const palette = await noiseImage(120, 80).png({ palette: true, colours: 16 }).toBuffer();
    const greyAlpha = await sharp({
      create: { width: 120, height: 80, channels: 4, background: { r: 90, g: 90, b: 90, alpha: 0.5 } },
    })
      .toColourspace("b-w")
      .png()
      .toBuffer();
    expect((await sharp(greyAlpha).metadata()).channels).toBe(2);
    for (const input of [sixteen, palette, greyAlpha]) {
      const output = await processImage(input, rule("imageMogr2/thumbnail/60x|imageMogr2/rotate/90"));
      expect(sizeOf(output)).toEqual([40, 60]);
      expect(output.format).toBe("PNG");
    }
  });

  it("every EXIF orientation is turned upright by auto-orient", async () => {
    for (let orientation = 1; orientation <= 8; orientation++) {
      const input = await quadrants(60, 40, "jpg").then((jpeg) =>
        sharp(jpeg).withMetadata({ orientation }).jpeg().toBuffer(),
      );
      const output = await processImage(input, rule("imageMogr2/auto-orient"));
      expect(sizeOf(output), `orientation ${orientation}`).toEqual(orientation >= 5 ? [40, 60] : [60, 40]);
    }
  });
});
