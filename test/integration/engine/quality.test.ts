import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { describeImage, processImage } from "../../../electron/engine";
import { estimateJpegQuality } from "../../../electron/engine/jpeg-quality";
import { mogr2, noiseJpeg } from "./fixtures";

describe("JPEG quality estimate (DQT)", () => {
  it("recovers the setting libjpeg/mozjpeg wrote, across the range", async () => {
    const base = sharp({ create: { width: 16, height: 16, channels: 3, background: "#468" } });
    for (const quality of [1, 10, 25, 49, 50, 51, 70, 75, 85, 90, 95, 99, 100]) {
      const jpeg = await base.clone().jpeg({ quality }).toBuffer();
      expect(estimateJpegQuality(jpeg), `q${quality}`).toBe(quality);
    }
  });

  it("finds no quality in a PNG", async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    expect(estimateJpegQuality(png)).toBeUndefined();
    expect((await describeImage(png)).quality).toBe(100);
  });

  it("is what describeImage reports for a JPEG", async () => {
    expect((await describeImage(await noiseJpeg(32, 32, 83))).quality).toBe(83);
  });
});

describe("quality semantics (reference §7.3)", () => {
  const quality = (kind: "absolute" | "relative" | "floor", value: number, force = false) =>
    ({ op: "quality", quality: { kind, value, force } }) as const;

  async function outputQuality(original: number, op: ReturnType<typeof quality>) {
    const output = await processImage(await noiseJpeg(64, 48, original), mogr2(op));
    expect(output.quality).toBe(estimateJpegQuality(output.data));
    return estimateJpegQuality(output.data);
  }

  it("absolute takes the lower of original and Q", async () => {
    expect(await outputQuality(90, quality("absolute", 50))).toBe(50);
    expect(await outputQuality(70, quality("absolute", 95))).toBe(70);
  });

  it("absolute with ! forces Q", async () => {
    expect(await outputQuality(70, quality("absolute", 95, true))).toBe(95);
  });

  it("relative scales the original (80 × 80% = 64)", async () => {
    expect(await outputQuality(80, quality("relative", 80))).toBe(64);
  });

  it("floor raises to Q but never lowers", async () => {
    expect(await outputQuality(60, quality("floor", 85))).toBe(85);
    expect(await outputQuality(90, quality("floor", 85))).toBe(90);
  });

  it("keeps the original quality when no rule sets one", async () => {
    const output = await processImage(await noiseJpeg(64, 48, 77), mogr2({ op: "rotate", degrees: 90 }));
    expect(estimateJpegQuality(output.data)).toBe(77);
  });

  it("ignores quality for PNG output and reports 100", async () => {
    const output = await processImage(
      await noiseJpeg(64, 48, 80),
      mogr2({ op: "format", format: "png" }, quality("absolute", 10, true)),
    );
    expect(output.quality).toBe(100);
    expect(output.format).toBe("PNG");
  });
});
