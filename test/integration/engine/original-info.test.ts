import fc from "fast-check";
import sharp, { type Sharp } from "sharp";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { photoLikeJpeg } from "../../../bench/lib/photo";
import { describeImage, processImage, processOriginal } from "../../../electron/engine";
import { ENGINE_MEMORY } from "../../../electron/engine/memory-budget";
import { checkRule } from "../../../shared/rules";
import { fullResolutionMean, noiseImage } from "../../fixtures/images";

/**
 * With is_pic_info, a Pic-Operations request reports the original's ImageInfo beside its
 * outputs. It is the original's own, whatever the rules: the same as `?imageAve` and
 * `?imageInfo` read from the stored original, and for a lossless original its `Ave` is the
 * mean of every pixel. (A rule's resized pixels do not give it: a resize folds detail near
 * its step into their mean, which the stripes below move by more than a level.)
 */

function expectWithinOneLevel(ave: string, expected: number[]): void {
  expect(ave).toMatch(/^0x[0-9a-f]{6}$/);
  const channels = [2, 4, 6].map((at) => Number.parseInt(ave.slice(at, at + 2), 16));
  for (const [c, value] of channels.entries()) {
    expect(Math.abs(value - (expected[c] as number)), `channel ${c} of ${ave}`).toBeLessThanOrEqual(1);
  }
}

const pipeline = (rule: string) => checkRule(rule).pipeline;

function pixels(width: number, height: number, colour: (x: number, y: number) => number[]): Sharp {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(colour(x, y), (y * width + x) * 3);
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

const colour = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255));

/** Photo-like content and its hard cases: ramps, noise, edges and stripes of any contrast. */
const content = fc.oneof(
  fc.record({ kind: fc.constant("gradient" as const), from: colour, to: colour }),
  fc.record({
    kind: fc.constant("noise" as const),
    mean: fc.integer({ min: 20, max: 235 }),
    sigma: fc.integer({ min: 5, max: 80 }),
  }),
  fc.record({
    kind: fc.constant("edge" as const),
    a: colour,
    b: colour,
    at: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("stripes" as const),
    a: colour,
    b: colour,
    period: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant("checker" as const),
    a: colour,
    b: colour,
    cell: fc.integer({ min: 1, max: 16 }),
  }),
);

function draw(
  spec: typeof content extends fc.Arbitrary<infer T> ? T : never,
  width: number,
  height: number,
): Sharp {
  switch (spec.kind) {
    case "gradient":
      return pixels(width, height, (x, y) => {
        const t = (x + y) / (width + height);
        return spec.from.map((from, c) => from + ((spec.to[c] as number) - from) * t);
      });
    case "noise":
      return noiseImage(width, height, spec.sigma, spec.mean);
    case "edge":
      return pixels(width, height, (x) => (x < width * spec.at ? spec.a : spec.b));
    case "stripes":
      return pixels(width, height, (x, y) => (Math.floor((x + y) / spec.period) % 2 ? spec.a : spec.b));
    case "checker":
      return pixels(width, height, (x, y) =>
        (Math.floor(x / spec.cell) + Math.floor(y / spec.cell)) % 2 ? spec.a : spec.b,
      );
  }
}

/** Rules of every kind: resized at steps that fold stripes into the mean, cropped, turned, padded. */
const anyRule = fc
  .tuple(
    fc.constantFrom("", "rotate/90/", "rotate/30/", "flip/vertical/", "auto-orient/", "crop/600x400/"),
    fc.double({ min: 0.2, max: 0.6, noNaN: true }),
    fc.constantFrom("", "/pad/1/color/I0ZGMDAwMA", "/bright/40"),
    fc.constantFrom("", "/format/webp/quality/80", "/format/png", "/format/jpg/quality/75"),
  )
  .map(([first, scale, extra, format]) => ({ first, scale, extra, format }));

const RUNS = 12;

describe("the original's ImageInfo beside a rule's outputs", () => {
  it("is what ?imageInfo and ?imageAve read from the original, whatever the picture and the rules; a PNG's Ave is its exact mean", async () => {
    await fc.assert(
      fc.asyncProperty(
        content,
        fc.integer({ min: 800, max: 1400 }),
        fc.integer({ min: 600, max: 1000 }),
        fc.constantFrom("jpeg" as const, "png" as const, "webp" as const),
        fc.array(anyRule, { minLength: 1, maxLength: 2 }),
        async (spec, width, height, format, rules) => {
          const image = await draw(spec, width, height).toFormat(format, { quality: 90 }).toBuffer();
          const texts = rules.map((rule) => {
            const size = Math.round(width * rule.scale);
            return `imageMogr2/${rule.first}thumbnail/${size}x${size}${rule.extra}${rule.format}`;
          });
          const { imageInfo, outputs } = await processOriginal(image, texts.map(pipeline), {
            describe: true,
          });
          // Neither the mean nor the other rules change what a rule makes, though an 8-bit PNG
          // is decoded whole once for all of them and its pixels handed over for the mean.
          for (const [at, text] of texts.entries()) {
            const alone = await processImage(image, pipeline(text));
            expect(outputs[at]?.data.equals(alone.data), `${text}: the bytes the rule alone makes`).toBe(
              true,
            );
          }
          const {
            format: cosFormat,
            width: w,
            height: h,
            quality,
            ave,
            orientation,
          } = await describeImage(image);
          expect(imageInfo).toEqual({ format: cosFormat, width: w, height: h, quality, ave, orientation });
          if (format === "png") expectWithinOneLevel(imageInfo?.ave ?? "", await fullResolutionMean(image));
        },
      ),
      { numRuns: RUNS },
    );
  }, 240_000);

  it("reports a striped PNG's exact mean whichever resize its rule asks for", async () => {
    // The counterexample that retired reading Ave from a rule's pixels: three-pixel stripes,
    // thumbnailed to 360 px wide, gave 130.1 for a mean of 131.5; halved, 125.0.
    const stripes = await pixels(800, 600, (x, y) => (Math.floor((x + y) / 3) % 2 ? [13, 1, 1] : [250, 1, 1]))
      .png()
      .toBuffer();
    const expected = await fullResolutionMean(stripes);
    expect(expected[0]).toBeCloseTo(131.5, 1);
    for (const rule of ["imageMogr2/thumbnail/360x", "imageMogr2/thumbnail/400x"]) {
      const { imageInfo } = await processOriginal(stripes, [pipeline(rule)], { describe: true });
      expectWithinOneLevel(imageInfo?.ave ?? "", expected);
    }
  });

  it("makes a PNG ramp's thumbnail byte for byte as the rule alone does", async () => {
    // CI's counterexample to decoding a PNG whole only when its mean was asked for: libvips
    // resized the ramp held in memory one level off in five values from the ramp streamed
    // from the decoder, so the upload's bytes were not the preview's.
    const width = 1138;
    const height = 799;
    const ramp = await pixels(width, height, (x, y) => [0, 0, (23 * (x + y)) / (width + height)])
      .png()
      .toBuffer();
    const rule = pipeline("imageMogr2/thumbnail/228x228");
    const { outputs } = await processOriginal(ramp, [rule], { describe: true });
    expect(outputs[0]?.data.equals((await processImage(ramp, rule)).data)).toBe(true);
  });

  it("decodes an 8-bit PNG once for all its rules and reads its mean from those pixels", async () => {
    const [width, height] = [900, 700];
    const png = await pixels(width, height, (x, y) => [x % 256, y % 256, 90])
      .png()
      .toBuffer();
    const reserve = vi.spyOn(ENGINE_MEMORY, "reserve");
    onTestFinished(() => reserve.mockRestore());
    const rules = [
      "imageMogr2/thumbnail/400x/format/webp",
      "imageMogr2/crop/300x200",
      "imageMogr2/rotate/90",
    ];
    const { imageInfo, outputs } = await processOriginal(png, rules.map(pipeline), { describe: true });
    // One reservation for the request, holding the whole original beside the largest rule's
    // passes; none for a mean's decode or another rule's (each would hold the original again).
    expect(reserve).toHaveBeenCalledTimes(1);
    expect(reserve.mock.calls[0]?.[0]).toBeGreaterThan(2 * width * height * 3);
    reserve.mockRestore();
    expectWithinOneLevel(imageInfo?.ave ?? "", await fullResolutionMean(png));
    for (const [at, rule] of rules.entries()) {
      const alone = await processImage(png, pipeline(rule));
      expect(outputs[at]?.data.equals(alone.data), `${rule}: the bytes the rule alone makes`).toBe(true);
    }
  });

  it("refuses a request whose later rule is refused before decoding anything for the earlier ones", async () => {
    const png = await pixels(900, 700, (x, y) => [x % 256, y % 256, 90])
      .png()
      .toBuffer();
    const reserve = vi.spyOn(ENGINE_MEMORY, "reserve");
    onTestFinished(() => reserve.mockRestore());
    const rules = ["imageMogr2/thumbnail/800x", "imageMogr2/thumbnail/60000x"].map(pipeline);
    await expect(processOriginal(png, rules, { describe: true })).rejects.toMatchObject({
      code: "ImageResolutionExceed",
    });
    expect(reserve).not.toHaveBeenCalled();
  });

  it("reports the ImageInfo and outputs the rules make on their own", async () => {
    const photo = await sharp(await photoLikeJpeg(2400, 1800, 9))
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 87 })
      .toBuffer();
    const rules = [
      "imageMogr2/thumbnail/1600x/format/webp/quality/80",
      "imageMogr2/auto-orient/thumbnail/800x/format/png",
      "imageMogr2/crop/300x300",
      "imageMogr2/thumbnail/1000x/quality/60",
    ];
    const { imageInfo, outputs } = await processOriginal(photo, rules.map(pipeline), { describe: true });
    expect(imageInfo).toEqual({
      format: "JPEG",
      width: 2400,
      height: 1800,
      quality: 87,
      ave: expect.stringMatching(/^0x[0-9a-f]{6}$/),
      orientation: 6,
    });
    expectWithinOneLevel(imageInfo?.ave ?? "", await fullResolutionMean(photo));
    for (const [at, rule] of rules.entries()) {
      const alone = await processImage(photo, pipeline(rule));
      const output = outputs[at];
      expect(output, rule).toMatchObject({
        format: alone.format,
        mimeType: alone.mimeType,
        width: alone.width,
        height: alone.height,
        quality: alone.quality,
        orientation: alone.orientation,
      });
      expect(output?.data.equals(alone.data), `${rule}: the same bytes`).toBe(true);
    }
  });

  it.each([
    [
      "a 16-bit PNG",
      () =>
        pixels(900, 700, (x, y) => [x % 256, y % 256, 90])
          .toColourspace("rgb16")
          .png()
          .toBuffer(),
    ],
    [
      "a GIF",
      () =>
        pixels(900, 700, (x, y) => [x % 256, y % 256, 90])
          .gif()
          .toBuffer(),
    ],
    [
      "an 8-bit PNG with alpha",
      () =>
        pixels(900, 700, (x, y) => [x % 256, y % 256, 90])
          .ensureAlpha(0.5)
          .png()
          .toBuffer(),
    ],
  ])("reports %s's exact mean beside the outputs its rules make alone", async (_name, make) => {
    const image = await make();
    const rules = ["imageMogr2/thumbnail/400x/format/png", "imageMogr2/crop/300x200"];
    const { imageInfo, outputs } = await processOriginal(image, rules.map(pipeline), { describe: true });
    expectWithinOneLevel(imageInfo?.ave ?? "", await fullResolutionMean(image));
    for (const [at, rule] of rules.entries()) {
      const alone = await processImage(image, pipeline(rule));
      expect(outputs[at]?.data.equals(alone.data), `${rule}: the same bytes`).toBe(true);
    }
  });

  it("reports a rule's refusal, not the ImageInfo read beside it", async () => {
    const photo = await photoLikeJpeg(1600, 1200, 6);
    const rules = ["imageMogr2/thumbnail/800x", "imageMogr2/thumbnail/60000x"].map(pipeline);
    await expect(processOriginal(photo, rules, { describe: true })).rejects.toMatchObject({
      code: "ImageResolutionExceed",
    });
  });

  it("without is_pic_info, reports no ImageInfo and the same outputs", async () => {
    const photo = await photoLikeJpeg(1600, 1200, 4);
    const rule = "imageMogr2/thumbnail/800x/format/webp";
    const { imageInfo, outputs } = await processOriginal(photo, [pipeline(rule)], { describe: false });
    expect(imageInfo).toBeUndefined();
    expect(outputs[0]?.data.equals((await processImage(photo, pipeline(rule))).data)).toBe(true);
  });
});
