import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { describeImage, ENGINE_LIMITS, processImage } from "../../../electron/engine";
import type { Pipeline } from "../../../shared/rules/ast";
import { pngDeclaring } from "../../fixtures/images";
import { mogr2, quadrants, solid } from "./fixtures";

const half = mogr2({ op: "thumbnail", geometry: { mode: "percent", axis: "both", percent: 50 } });

describe("inputs COS refuses", () => {
  it("over 32 MB → EntityTooLarge", async () => {
    const big = Buffer.alloc(ENGINE_LIMITS.maxInputBytes + 1);
    (await solid(8, 8, "#000")).copy(big);
    await expect(processImage(big, half)).rejects.toMatchObject({ code: "EntityTooLarge" });
    await expect(describeImage(big)).rejects.toMatchObject({ code: "EntityTooLarge" });
  });

  it("a decompression bomb is refused from its header", async () => {
    // Both are < 100 bytes; decoding either would allocate gigabytes.
    await expect(processImage(await pngDeclaring(60_000, 60_000), half)).rejects.toMatchObject({
      code: "ImageResolutionExceed",
      message: expect.stringContaining("60000×60000"),
    });
    await expect(processImage(await pngDeclaring(20_000, 20_000), half)).rejects.toMatchObject({
      code: "ImageResolutionExceed",
      message: expect.stringContaining("million pixels"),
    });
    await expect(describeImage(await pngDeclaring(60_000, 60_000))).rejects.toMatchObject({
      code: "ImageResolutionExceed",
    });
  });

  it("a text file → InvalidImageFormat", async () => {
    const textFile = Buffer.from("just some notes, not a picture\n".repeat(20));
    await expect(processImage(textFile, half)).rejects.toMatchObject({
      code: "InvalidImageFormat",
      message: expect.stringContaining("not an image"),
    });
  });

  it("an image format COS does not process (SVG) → InvalidImageFormat", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expect(processImage(svg, half)).rejects.toMatchObject({ code: "InvalidImageFormat" });
  });
});

describe("rules the engine cannot reproduce", () => {
  it("an opaque stage → not-supported-locally naming it", async () => {
    const rule: Pipeline = { stages: [{ kind: "opaque", text: "imageSlim" }] };
    await expect(processImage(await solid(8, 8, "#000"), rule)).rejects.toMatchObject({
      code: "not-supported-locally",
      message: expect.stringContaining("imageSlim"),
    });
  });

  it("unknown operations are refused, not skipped", async () => {
    const input = await solid(80, 80, "#000");
    await expect(
      processImage(input, mogr2({ op: "unknown", name: "spin", args: ["20"] })),
    ).rejects.toMatchObject({
      code: "not-supported-locally",
      message: expect.stringContaining("spin"),
    });
  });

  it("Tencent's own processing is refused with a sentence saying it runs only in COS", async () => {
    const input = await solid(80, 80, "#000");
    const cosOnly: Pipeline[] = [
      { stages: [{ kind: "blindWatermark", type: 3, mode: 3, text: "tencent cloud", unknown: [] }] },
      mogr2({ op: "AIGCMetadata", fields: [{ name: "Label", value: "label" }] }),
    ];
    for (const rule of cosOnly) {
      await expect(processImage(input, rule)).rejects.toMatchObject({
        code: "not-supported-locally",
        messageId: "cos-only-operation",
        message: expect.stringContaining("runs only in COS"),
      });
    }
    for (const format of ["tpg", "svgc"] as const) {
      await expect(processImage(input, mogr2({ op: "format", format }))).rejects.toMatchObject({
        message: expect.stringContaining("runs only in COS"),
      });
    }
  });

  it("more than 10 stages → InvalidArgument", async () => {
    const rule: Pipeline = {
      stages: Array.from({ length: 11 }, () => half.stages[0]).filter((s) => s !== undefined),
    };
    await expect(processImage(await solid(8, 8, "#000"), rule)).rejects.toMatchObject({
      code: "InvalidArgument",
    });
  });
});

describe("pipelines and styles", () => {
  it("applies stages left to right", async () => {
    const rule: Pipeline = {
      stages: [
        { kind: "imageMogr2", ops: [{ op: "crop", width: 100, height: 100, span: { start: 0, end: 1 } }] },
        { kind: "imageMogr2", ops: [{ op: "thumbnail", geometry: { mode: "fit", width: 10 } }] },
      ],
    };
    const output = await processImage(await quadrants(200, 100), rule);
    expect([output.width, output.height]).toEqual([10, 10]);
  });

  it("style/<name> runs the pipeline the resolver returns", async () => {
    const asked: string[] = [];
    const output = await processImage(
      await quadrants(200, 100),
      { stages: [{ kind: "style", name: "thumb" }] },
      {
        resolveStyle: async (name) => {
          asked.push(name);
          return half;
        },
      },
    );
    expect(asked).toEqual(["thumb"]);
    expect([output.width, output.height]).toEqual([100, 50]);
  });

  it("a style without a resolver, or one that refers to itself, is refused", async () => {
    const input = await solid(8, 8, "#000");
    const rule: Pipeline = { stages: [{ kind: "style", name: "loop" }] };
    await expect(processImage(input, rule)).rejects.toMatchObject({ code: "not-supported-locally" });
    await expect(processImage(input, rule, { resolveStyle: async () => rule })).rejects.toMatchObject({
      code: "InvalidArgument",
    });
  });
});

describe("cancellation", () => {
  it("an already aborted signal → aborted, before any work", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      processImage(await solid(8, 8, "#000"), half, { signal: controller.signal }),
    ).rejects.toMatchObject({ code: "aborted" });
  });

  it("aborting while a pass runs releases the caller with aborted", async () => {
    const input = await sharp({
      create: {
        width: 3000,
        height: 2000,
        channels: 3,
        background: "#000",
        noise: { type: "gaussian", mean: 128, sigma: 30 },
      },
    })
      .jpeg()
      .toBuffer();
    const controller = new AbortController();
    const running = processImage(
      input,
      mogr2({ op: "blur", radius: 10, sigma: 8 }, { op: "format", format: "png" }),
      {
        signal: controller.signal,
      },
    );
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: "aborted" });
  });
});

describe("describeImage", () => {
  it("reports what COS's ImageInfo and ?imageInfo carry", async () => {
    const jpeg = await sharp(await quadrants(200, 100, "jpg"))
      .withMetadata({ orientation: 3 })
      .jpeg({ quality: 88 })
      .toBuffer();
    const info = await describeImage(jpeg);
    expect(info).toMatchObject({
      format: "JPEG",
      width: 200,
      height: 100,
      quality: 88,
      orientation: 3,
      size: jpeg.length,
      frameCount: 1,
      bitDepth: 8,
      mimeType: "image/jpeg",
      extension: "jpg",
    });
    expect(info.ave).toMatch(/^0x[0-9a-f]{6}$/);
  });

  it("PNG: quality 100, no orientation, exact average", async () => {
    const info = await describeImage(await solid(10, 10, "#a08162"));
    expect(info).toMatchObject({ format: "PNG", quality: 100, orientation: 0, ave: "0xa08162" });
  });
});
