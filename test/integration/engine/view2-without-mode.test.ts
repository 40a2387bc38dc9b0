import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage } from "../../../electron/engine";
import { estimateJpegQuality } from "../../../electron/engine/jpeg-quality";
import { PicopsError } from "../../../shared/errors";
import { checkRule, type Pipeline } from "../../../shared/rules";
import { noiseJpeg, pixelAt, quadrants, RED, YELLOW } from "./fixtures";

/** The rule as COS receives it: parsed and checked first, like the local bucket does. */
function rule(text: string): Pipeline {
  const { pipeline, diagnostics } = checkRule(text);
  expect(diagnostics).toEqual([]);
  return pipeline;
}

describe("imageView2 without a mode: no resize, only format and quality", () => {
  it("imageView2/format/png converts a JPEG to PNG at its own size", async () => {
    const output = await processImage(await quadrants(301, 201, "jpg"), rule("imageView2/format/png"));
    const meta = await sharp(output.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 301, 201]);
    expect([output.format, output.width, output.height]).toEqual(["PNG", 301, 201]);
    // Same picture, not a resampled one: the corners keep their quadrant colours.
    const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - (b[i] ?? 0)) <= 8);
    expect(near(await pixelAt(output.data, 0, 0), RED)).toBe(true);
    expect(near(await pixelAt(output.data, 300, 200), YELLOW)).toBe(true);
  });

  it("imageView2/q/50 re-encodes a q90 JPEG at quality 50, same size", async () => {
    const output = await processImage(await noiseJpeg(64, 48, 90), rule("imageView2/q/50"));
    expect([output.format, output.width, output.height]).toEqual(["JPEG", 64, 48]);
    expect(estimateJpegQuality(output.data)).toBe(50);
    expect(output.quality).toBe(50);
  });

  it("refuses bounds without a mode, unless the stage ignores errors", async () => {
    const input = await quadrants(40, 20);
    const bounded: Pipeline = { stages: [{ kind: "imageView2", width: 10, unknown: [] }] };
    const refusal = await processImage(input, bounded).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PicopsError);
    expect((refusal as PicopsError).code).toBe("InvalidArgument");
    const ignoring: Pipeline = {
      stages: [{ kind: "imageView2", width: 10, ignoreError: true, unknown: [] }],
    };
    const output = await processImage(input, ignoring);
    expect([output.width, output.height]).toEqual([40, 20]);
  });
});
