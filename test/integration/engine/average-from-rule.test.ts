import fc from "fast-check";
import sharp, { type Sharp } from "sharp";
import { describe, expect, it } from "vitest";
import { photoLikeJpeg } from "../../../bench/lib/photo";
import { describeImage, processImage, processOriginal } from "../../../electron/engine";
import { runRule } from "../../../electron/engine/process";
import { openSource } from "../../../electron/engine/source";
import { checkRule } from "../../../shared/rules";

/**
 * With is_pic_info, the original's `Ave` is read from the pixels a rule decodes anyway when
 * that rule keeps the whole picture, instead of from a decode of its own. It must still agree
 * within one level per channel with the mean of a full-resolution decode, and the outputs
 * must be what the rule alone makes.
 */

async function fullResolutionMean(image: Buffer): Promise<number[]> {
  const { data, info } = await sharp(image).toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
  const sums = [0, 0, 0];
  for (let at = 0; at < data.length; at += info.channels) {
    for (let c = 0; c < 3; c++) sums[c] = (sums[c] as number) + (data[at + c] as number);
  }
  return sums.map((sum) => sum / (info.width * info.height));
}

function expectWithinOneLevel(ave: string, expected: number[]): void {
  expect(ave).toMatch(/^0x[0-9a-f]{6}$/);
  const channels = [2, 4, 6].map((at) => Number.parseInt(ave.slice(at, at + 2), 16));
  for (const [c, value] of channels.entries()) {
    expect(Math.abs(value - (expected[c] as number)), `channel ${c} of ${ave}`).toBeLessThanOrEqual(1);
  }
}

const pipeline = (rule: string) => checkRule(rule).pipeline;

/** The mean the rule's own pixels gave, if the engine read it from them. */
async function averageFromRule(image: Buffer, rule: string): Promise<string | undefined> {
  const ran = await runRule(image, pipeline(rule), {}, () => openSource(image, undefined), true);
  return ran.average;
}

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
      return sharp({
        create: {
          width,
          height,
          channels: 3,
          background: "#808080",
          noise: { type: "gaussian", mean: spec.mean, sigma: spec.sigma },
        },
      });
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

/** Rules that keep the whole picture: resized, turned, mirrored, in any output format. */
const wholePictureRule = fc
  .tuple(
    fc.constantFrom("", "rotate/90/", "rotate/180/", "flip/vertical/", "auto-orient/"),
    fc.double({ min: 0.45, max: 0.5, noNaN: true }),
    fc.constantFrom("", "/format/webp/quality/80", "/format/png", "/format/jpg/quality/75"),
  )
  .map(([turn, scale, format]) => ({ turn, scale, format }));

const RUNS = 12;

describe("Ave read from the rule's own pixels", () => {
  it("agrees with a full-resolution mean within one level, whatever the picture and the rule", async () => {
    // How many random pictures take the rule's pixels varies with the seed; the 12 MP photo
    // below is the case that must, and asserts that it does.
    await fc.assert(
      fc.asyncProperty(
        content,
        fc.integer({ min: 800, max: 1400 }),
        fc.integer({ min: 600, max: 1000 }),
        fc.constantFrom("jpeg" as const, "png" as const, "webp" as const),
        wholePictureRule,
        async (spec, width, height, format, rule) => {
          const image = await draw(spec, width, height).toFormat(format, { quality: 90 }).toBuffer();
          const text = `imageMogr2/${rule.turn}thumbnail/${Math.round(width * rule.scale)}x${rule.format}`;
          const fromRule = await averageFromRule(image, text);
          const { imageInfo } = await processOriginal(image, [pipeline(text)], { describe: true });
          if (fromRule === undefined) {
            // Read on its own, exactly as before (the 1/8 read and its own limits).
            expect(imageInfo?.ave).toBe((await describeImage(image)).ave);
            return;
          }
          expectWithinOneLevel(fromRule, await fullResolutionMean(image));
          expect(imageInfo?.ave).toBe(fromRule);
        },
      ),
      { numRuns: RUNS },
    );
  }, 240_000);

  it("reads a 12 MP photo's mean from its 1600 px WebP, within one level", async () => {
    const photo = await photoLikeJpeg(4000, 3000, 11);
    const rule = "imageMogr2/thumbnail/1600x/format/webp/quality/80";
    const fromRule = await averageFromRule(photo, rule);
    expect(fromRule).toBeDefined();
    expectWithinOneLevel(fromRule as string, await fullResolutionMean(photo));
  });

  it("does not read a WebP's mean from a rule's pixels: libwebp's scaled decode averages before it converts colour", async () => {
    // The counterexample the property above found: one-pixel stripes of black and dark blue.
    const stripes = await pixels(800, 600, (x, y) => ((x + y) % 2 ? [0, 0, 0] : [0, 0, 149]))
      .webp({ quality: 90 })
      .toBuffer();
    expect(await averageFromRule(stripes, "imageMogr2/thumbnail/360x")).toBeUndefined();
  });

  it.each([
    ["a crop", "imageMogr2/crop/600x400"],
    ["a padded thumbnail", "imageMogr2/thumbnail/600x600/pad/1/color/I0ZGMDAwMA"],
    ["an oblique turn", "imageMogr2/rotate/30/thumbnail/600x"],
    ["a brightened thumbnail", "imageMogr2/thumbnail/600x/bright/40"],
    ["a thumbnail too small to weigh its borders", "imageMogr2/thumbnail/200x"],
    ["the whole picture at full size", "imageMogr2/format/png"],
  ])("falls back to a read of its own after %s, still within one level", async (_name, rule) => {
    const photo = await photoLikeJpeg(1600, 1200, 5);
    expect(await averageFromRule(photo, rule)).toBeUndefined();
    const { imageInfo } = await processOriginal(photo, [pipeline(rule)], { describe: true });
    expectWithinOneLevel(imageInfo?.ave ?? "", await fullResolutionMean(photo));
  });

  it.each([
    [
      "a tiny JPEG",
      () =>
        pixels(40, 30, (x, y) => [x * 6, y * 8, 120])
          .jpeg()
          .toBuffer(),
    ],
    [
      "a transparent PNG",
      () =>
        sharp({
          create: { width: 800, height: 600, channels: 4, background: { r: 200, g: 40, b: 90, alpha: 0.5 } },
        })
          .png()
          .toBuffer(),
    ],
    [
      "a grey JPEG",
      () => photoLikeJpeg(1200, 900, 2).then((jpeg) => sharp(jpeg).greyscale().jpeg().toBuffer()),
    ],
  ])("reads %s on its own, within one level", async (_name, make) => {
    const image = await make();
    const rule = "imageMogr2/thumbnail/300x";
    expect(await averageFromRule(image, rule)).toBeUndefined();
    const { imageInfo } = await processOriginal(image, [pipeline(rule)], { describe: true });
    expect(imageInfo?.ave).toBe((await describeImage(image)).ave);
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

  it("without is_pic_info, reports no ImageInfo and the same outputs", async () => {
    const photo = await photoLikeJpeg(1600, 1200, 4);
    const rule = "imageMogr2/thumbnail/800x/format/webp";
    const { imageInfo, outputs } = await processOriginal(photo, [pipeline(rule)], { describe: false });
    expect(imageInfo).toBeUndefined();
    expect(outputs[0]?.data.equals((await processImage(photo, pipeline(rule))).data)).toBe(true);
  });
});
