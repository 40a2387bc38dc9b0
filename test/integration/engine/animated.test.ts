import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage } from "../../../electron/engine";
import { checkRule } from "../../../shared/rules/index";
import { near, type Rgb } from "./fixtures";

/**
 * Animated GIF and WebP stay animated and every operation runs on every frame (issue 18,
 * point 2). CI's pages advise putting auto-orient first in every rule, so it must never be
 * what refuses an animation.
 */

function rule(text: string) {
  const { pipeline, diagnostics } = checkRule(text);
  expect(diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  return pipeline;
}

/** Three 40×40 frames — red, green, blue — shown for 100, 200 and 300 ms. */
async function animation(format: "gif" | "webp"): Promise<Buffer> {
  const colours = [
    [255, 0, 0],
    [0, 255, 0],
    [0, 0, 255],
  ];
  const strip = Buffer.alloc(40 * 120 * 3);
  colours.forEach((colour, frame) => {
    for (let i = frame * 1600; i < (frame + 1) * 1600; i++) strip.set(colour, i * 3);
  });
  const raw = { width: 40, height: 120, channels: 3 as const, pageHeight: 40 };
  const timing = { delay: [100, 200, 300], loop: 0 };
  return format === "gif"
    ? sharp(strip, { raw }).gif(timing).toBuffer()
    : sharp(strip, { raw })
        .webp({ lossless: true, ...timing })
        .toBuffer();
}

describe.each(["gif", "webp"] as const)("an animated %s", (format) => {
  it("auto-orient (first in every rule, as CI advises) keeps every frame and its timing", async () => {
    const output = await processImage(await animation(format), rule("imageMogr2/auto-orient/thumbnail/20x"));
    const meta = await sharp(output.data).metadata();
    expect([output.width, output.height, meta.pages, meta.delay]).toEqual([20, 20, 3, [100, 200, 300]]);
  });

  it("crop, pad and flip run on every frame", async () => {
    const cropped = await processImage(await animation(format), rule("imageMogr2/crop/20x10/gravity/north"));
    expect([cropped.width, cropped.height, (await sharp(cropped.data).metadata()).pages]).toEqual([
      20, 10, 3,
    ]);
    const padded = await processImage(
      await animation(format),
      rule("imageMogr2/thumbnail/30x20/pad/1/color/I0ZGRkZGRg|imageMogr2/flip/horizontal"),
    );
    expect([padded.width, padded.height, (await sharp(padded.data).metadata()).pages]).toEqual([30, 20, 3]);
    // The third frame is still blue in its middle, white where it is padded.
    const { data, info } = await sharp(padded.data, { page: 2 }).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
    ];
    // GIF's palette may move a colour by a step or two.
    expect(near(at(15, 10) as Rgb, [0, 0, 255], 4)).toBe(true);
    expect(near(at(1, 10) as Rgb, [255, 255, 255], 4)).toBe(true);
  });

  it("a quarter turn, which libvips cannot do per frame, is refused as not supported locally", async () => {
    await expect(processImage(await animation(format), rule("imageMogr2/rotate/90"))).rejects.toMatchObject({
      code: "not-supported-locally",
      message: "rotate on an animated image is not supported locally.",
    });
  });
});
