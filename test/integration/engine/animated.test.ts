import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage } from "../../../electron/engine";
import type { ImageWatermarkStage } from "../../../shared/rules/ast";
import { checkRule } from "../../../shared/rules/index";
import { near, type Rgb, solid } from "./fixtures";

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

const FRAME_COLOURS: Rgb[] = [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
];

/** Three frames (40×40 unless told) — red, green, blue — shown for 100, 200 and 300 ms. */
async function animation(format: "gif" | "webp", width = 40, height = 40): Promise<Buffer> {
  const area = width * height;
  const strip = Buffer.alloc(area * 3 * 3);
  FRAME_COLOURS.forEach((colour, frame) => {
    for (let i = frame * area; i < (frame + 1) * area; i++) strip.set(colour, i * 3);
  });
  const raw = { width, height: height * 3, channels: 3 as const, pageHeight: height };
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

  it("a quarter turn runs on every frame: sides swap, frames and delays kept", async () => {
    const output = await processImage(await animation(format, 40, 30), rule("imageMogr2/rotate/90"));
    expect([output.width, output.height]).toEqual([30, 40]);
    await expectFrames(output.data, [30, 40]);
    for (const [page, colour] of FRAME_COLOURS.entries()) {
      expect(near(await framePixel(output.data, page, 15, 20), colour, 4)).toBe(true);
    }
  });

  it("an oblique turn has the still path's bounding box, its corners transparent on every frame", async () => {
    const still = await processImage(await solid(40, 30, "#ff0000"), rule("imageMogr2/rotate/45"));
    const output = await processImage(await animation(format, 40, 30), rule("imageMogr2/rotate/45"));
    expect([output.width, output.height]).toEqual([still.width, still.height]);
    await expectFrames(output.data, [still.width, still.height]);
    for (const [page, colour] of FRAME_COLOURS.entries()) {
      expect(await frameAlpha(output.data, page, 0, 0)).toBe(0);
      const centre = await framePixel(output.data, page, still.width / 2, still.height / 2);
      expect(near(centre, colour, 4)).toBe(true);
    }
  });

  it("an image watermark is drawn on every frame", async () => {
    const url = "http://examplebucket-1250000000.cos.ap-shanghai.myqcloud.com/mark.png";
    const mark: ImageWatermarkStage = {
      kind: "watermark",
      type: 1,
      imageUrl: url,
      gravity: "northwest",
      dissolve: 100,
      unknown: [],
    };
    const requested: string[] = [];
    const output = await processImage(
      await animation(format),
      { stages: [mark] },
      {
        loadWatermarkImage: async (u) => {
          requested.push(u);
          return solid(10, 10, "#ffff00");
        },
      },
    );
    // Fetched once for the whole animation.
    expect(requested).toEqual([url]);
    await expectFrames(output.data, [40, 40]);
    for (const [page, colour] of FRAME_COLOURS.entries()) {
      expect(near(await framePixel(output.data, page, 4, 4), [255, 255, 0], 4)).toBe(true);
      expect(near(await framePixel(output.data, page, 30, 30), colour, 4)).toBe(true);
    }
  });

  it("a text watermark is drawn on every frame", async () => {
    const output = await processImage(
      await animation(format, 120, 60),
      rule("watermark/2/text/6KGX5bWM5bS_/fill/I0ZGRkZGRg/fontsize/40/gravity/center/dissolve/100"),
    );
    await expectFrames(output.data, [120, 60]);
    for (const [page, colour] of FRAME_COLOURS.entries()) {
      const { data, info } = await sharp(output.data, { page }).raw().toBuffer({ resolveWithObject: true });
      let white = 0;
      for (let i = 0; i < data.length; i += info.channels) {
        if ([data[i], data[i + 1], data[i + 2]].every((value) => (value ?? 0) > 200)) white++;
      }
      expect(white).toBeGreaterThan(20);
      expect(near(await framePixel(output.data, page, 2, 2), colour, 4)).toBe(true);
    }
  });

  it("cancelled while its frames are processed, it stops with aborted", async () => {
    const controller = new AbortController();
    const mark: ImageWatermarkStage = {
      kind: "watermark",
      type: 1,
      imageUrl: "http://a.cos.ap-shanghai.myqcloud.com/m.png",
      unknown: [],
    };
    const running = processImage(
      await animation(format),
      { stages: [mark] },
      {
        signal: controller.signal,
        // The mark is fetched for the first frame: the designer cancels right then.
        loadWatermarkImage: async () => {
          controller.abort();
          return solid(10, 10, "#ffff00");
        },
      },
    );
    await expect(running).rejects.toMatchObject({ code: "aborted" });
  });

  it("frames that would pass COS's pixel limit all together are refused before any pass", async () => {
    const mark: ImageWatermarkStage = {
      kind: "watermark",
      type: 1,
      imageUrl: "http://a.cos.ap-shanghai.myqcloud.com/m.png",
      unknown: [],
    };
    const fetched: string[] = [];
    // 9200×9200 is within the limit for one picture (84.6 MP), not for three frames (254 MP).
    const running = processImage(
      await animation(format),
      { stages: [mark, ...rule("imageView2/1/w/9200/h/9200").stages] },
      {
        loadWatermarkImage: async (url) => {
          fetched.push(url);
          return solid(10, 10, "#ffff00");
        },
      },
    );
    await expect(running).rejects.toMatchObject({
      code: "ImageResolutionExceed",
      messageId: "animation-too-many-pixels",
    });
    // Refused before the watermark, the rule's first pass, ran.
    expect(fetched).toEqual([]);
  });

  it("iradius keeps the inscribed circle of every frame, outside it transparent", async () => {
    const output = await processImage(await animation(format, 40, 30), rule("imageMogr2/iradius/15"));
    expect([output.width, output.height]).toEqual([30, 30]);
    await expectFrames(output.data, [30, 30]);
    for (const [page, colour] of FRAME_COLOURS.entries()) {
      expect(await frameAlpha(output.data, page, 1, 1)).toBe(0);
      expect(near(await framePixel(output.data, page, 15, 15), colour, 4)).toBe(true);
    }
  });

  it("rradius rounds the corners of every frame", async () => {
    const output = await processImage(await animation(format, 40, 30), rule("imageMogr2/rradius/10"));
    expect([output.width, output.height]).toEqual([40, 30]);
    await expectFrames(output.data, [40, 30]);
    for (const [page, colour] of FRAME_COLOURS.entries()) {
      expect(await frameAlpha(output.data, page, 0, 0)).toBe(0);
      expect(await frameAlpha(output.data, page, 39, 29)).toBe(0);
      expect(await frameAlpha(output.data, page, 20, 15)).toBe(255);
      expect(near(await framePixel(output.data, page, 20, 15), colour, 4)).toBe(true);
    }
  });

  it("imageView2's crop (mode 1) gives every frame the still path's geometry", async () => {
    const still = await processImage(await solid(40, 30, "#ff0000"), rule("imageView2/1/w/20/h/10"));
    expect([still.width, still.height]).toEqual([20, 10]);
    const output = await processImage(await animation(format, 40, 30), rule("imageView2/1/w/20/h/10"));
    expect([output.width, output.height]).toEqual([20, 10]);
    await expectFrames(output.data, [20, 10]);
    for (const [page, colour] of FRAME_COLOURS.entries()) {
      expect(near(await framePixel(output.data, page, 10, 5), colour, 4)).toBe(true);
    }
  });
});

/** The output is an animation of three frames of that size, its delays kept. */
async function expectFrames(data: Buffer, [width, height]: [number, number]) {
  const meta = await sharp(data).metadata();
  expect([meta.width, meta.height, meta.pages, meta.delay]).toEqual([width, height, 3, [100, 200, 300]]);
}

async function frameRgba(data: Buffer, page: number, x: number, y: number) {
  const frame = sharp(data, { page }).ensureAlpha();
  const pixels = await frame
    .extract({ left: Math.floor(x), top: Math.floor(y), width: 1, height: 1 })
    .raw()
    .toBuffer();
  return [...pixels];
}

async function framePixel(data: Buffer, page: number, x: number, y: number): Promise<Rgb> {
  const [r = 0, g = 0, b = 0] = await frameRgba(data, page, x, y);
  return [r, g, b];
}

async function frameAlpha(data: Buffer, page: number, x: number, y: number): Promise<number> {
  return (await frameRgba(data, page, x, y))[3] ?? 255;
}

describe("an animated WebP whose EXIF says it is turned", () => {
  it("auto-orient turns every frame upright and keeps the timing", async () => {
    // 40×30 frames tagged orientation 6 (shown turned a quarter clockwise): upright they are 30×40.
    const turned = await sharp(await animation("webp", 40, 30), { pages: -1 })
      .webp({ lossless: true, delay: [100, 200, 300], loop: 0 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(turned).metadata()).orientation).toBe(6);
    const output = await processImage(turned, rule("imageMogr2/auto-orient"));
    const meta = await sharp(output.data).metadata();
    expect([output.width, output.height, meta.pages, meta.delay]).toEqual([30, 40, 3, [100, 200, 300]]);
    for (const [page, colour] of FRAME_COLOURS.entries()) {
      const { data } = await sharp(output.data, { page })
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect(near([data[0] ?? 0, data[1] ?? 0, data[2] ?? 0], colour)).toBe(true);
    }
  });
});
