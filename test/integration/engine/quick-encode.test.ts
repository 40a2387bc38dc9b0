import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage } from "../../../electron/engine";
import { checkRule } from "../../../shared/rules";
import { noiseJpeg } from "./fixtures";

/** Mean absolute difference per channel value between two images of one size. */
async function meanDifference(a: Buffer, b: Buffer): Promise<number> {
  const [left = Buffer.alloc(0), right = Buffer.alloc(0)] = await Promise.all(
    [a, b].map((image) => sharp(image).removeAlpha().raw().toBuffer()),
  );
  let total = 0;
  for (const [i, value] of left.entries()) total += Math.abs(value - (right[i] ?? 0));
  return total / left.length;
}

describe("quickEncode (previews of the working copy)", () => {
  it.each(["webp", "avif"])(
    "writes the same picture as %s, as faithfully, with the encoder's least effort",
    async (format) => {
      const input = await noiseJpeg(320, 240, 90);
      const { pipeline } = checkRule(`imageMogr2/rotate/90/format/${format}/quality/70`);
      const stored = await processImage(input, pipeline);
      const quick = await processImage(input, pipeline, { quickEncode: true });
      expect(quick).toMatchObject({ format: stored.format, width: 240, height: 320, quality: 70 });
      expect((await sharp(quick.data).metadata()).format).toBe(format === "webp" ? "webp" : "heif");
      expect(quick.data.equals(stored.data)).toBe(false);
      const reference = await sharp(input).rotate(90).png().toBuffer();
      const [quickError, storedError] = await Promise.all([
        meanDifference(quick.data, reference),
        meanDifference(stored.data, reference),
      ]);
      expect(quickError).toBeLessThan(storedError * 1.25 + 1);
    },
  );
});
