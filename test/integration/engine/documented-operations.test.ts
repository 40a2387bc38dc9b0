import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage } from "../../../electron/engine";
import { checkRule } from "../../../shared/rules/index";
import { noiseImage } from "../../fixtures/images";
import { BLUE, GREEN, near, pixelAt, quadrants, RED, YELLOW } from "./fixtures";

/**
 * The operations CI documents beyond the first version's (issue 18, point 2), each run on
 * real pixels and checked against the sentence of CI's page it reproduces.
 */

function rule(text: string) {
  const { pipeline, diagnostics } = checkRule(text);
  expect(diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  return pipeline;
}

const landscapeJpeg = () => noiseImage(1000, 500).jpeg({ quality: 90 }).toBuffer();

describe("imageMogr2 scaling extras (CI “Scaling”, 1045/33713)", () => {
  it("“/thumbnail/600x600/pad/1/color/IzNEM0QzRA”: a 1000×500 picture fitted into 600×600, the rest filled #3D3D3D", async () => {
    const output = await processImage(
      await quadrants(1000, 500),
      rule("imageMogr2/thumbnail/600x600/pad/1/color/IzNEM0QzRA"),
    );
    expect([output.width, output.height]).toEqual([600, 600]);
    // Fitted: 600×300, centred — 150 px of padding above and below.
    expect(near(await pixelAt(output.data, 300, 10), [0x3d, 0x3d, 0x3d], 8)).toBe(true);
    expect(near(await pixelAt(output.data, 300, 590), [0x3d, 0x3d, 0x3d], 8)).toBe(true);
    expect(near(await pixelAt(output.data, 100, 200), RED)).toBe(true);
    expect(near(await pixelAt(output.data, 500, 400), YELLOW)).toBe(true);
  });

  it("minsize/1, whose effect CI's pages do not show, is not guessed: it runs only in COS", async () => {
    await expect(
      processImage(await landscapeJpeg(), rule("imageMogr2/thumbnail/400x400/minsize/1")),
    ).rejects.toMatchObject({
      code: "not-supported-locally",
      messageId: "cos-only-operation",
    });
  });
});

describe("imageMogr2 cropping extras (CI “Cropping”, 1045/33714)", () => {
  it("rcrop/<W>x<H> with gravity and dx/dy takes the region at that anchor", async () => {
    const output = await processImage(
      await quadrants(200, 100),
      rule("imageMogr2/rcrop/60x40/gravity/southeast/dx/10/dy/10"),
    );
    expect([output.width, output.height]).toEqual([60, 40]);
    expect(near(await pixelAt(output.data, 30, 20), YELLOW)).toBe(true);
  });

  it("crop with gravity/northwest and dx/dy moves the region inwards from its anchor", async () => {
    const input = await quadrants(200, 100);
    const output = await processImage(input, rule("imageMogr2/gravity/northwest/crop/40x40/dx/90/dy/55"));
    expect([output.width, output.height]).toEqual([40, 40]);
    // From (90, 55): the right half of the picture's lower half, yellow, lies at x ≥ 100.
    expect(near(await pixelAt(output.data, 30, 20), YELLOW)).toBe(true);
    expect(near(await pixelAt(output.data, 2, 20), BLUE)).toBe(true);
  });

  it("scrop/100x600 on 1200×800 is exactly 100×600 (libvips's attention crop stands in for CI's face detection)", async () => {
    const output = await processImage(
      await noiseImage(1200, 800).jpeg().toBuffer(),
      rule("imageMogr2/scrop/100x600"),
    );
    expect([output.width, output.height, output.format]).toEqual([100, 600, "JPEG"]);
  });
});

describe("imageMogr2 flip (Go SDK demo “imageMogr2/flip/horizontal”)", () => {
  it("horizontal mirrors left and right, vertical top and bottom", async () => {
    const input = await quadrants(64, 64);
    const horizontal = await processImage(input, rule("imageMogr2/flip/horizontal"));
    expect(near(await pixelAt(horizontal.data, 8, 8), GREEN)).toBe(true);
    const vertical = await processImage(input, rule("imageMogr2/flip/vertical"));
    expect(near(await pixelAt(vertical.data, 8, 8), BLUE)).toBe(true);
  });
});

describe("output settings", () => {
  it("density/300 records 300 dpi in a JPEG and in a PNG", async () => {
    const input = await landscapeJpeg();
    const jpeg = await processImage(input, rule("imageMogr2/density/300"));
    expect((await sharp(jpeg.data).metadata()).density).toBe(300);
    const png = await processImage(input, rule("imageMogr2/density/300/format/png"));
    expect(Math.round((await sharp(png.data).metadata()).density ?? 0)).toBe(300);
  });

  it("size-limit/15k (CI “Size Limit”: JPG only) lowers the quality until the JPEG fits", async () => {
    const input = await landscapeJpeg();
    expect(input.length).toBeGreaterThan(15 * 1024);
    const output = await processImage(input, rule("imageMogr2/strip/format/jpg/size-limit/15k"));
    expect(output.size).toBeLessThanOrEqual(15 * 1024);
    expect([output.width, output.height, output.format]).toEqual([1000, 500, "JPEG"]);
  });

  it("size-limit/…! “if the processed picture is not smaller than the original, the original is returned”", async () => {
    const small = await sharp({ create: { width: 400, height: 200, channels: 3, background: "#123456" } })
      .jpeg({ quality: 30 })
      .toBuffer();
    const output = await processImage(small, rule("imageMogr2/thumbnail/800x/quality/100!/size-limit/1m!"));
    expect(output.data.equals(small)).toBe(true);
    expect([output.width, output.height]).toEqual([400, 200]);
    // A PNG output is outside size-limit's reach (“only JPG”): the PNG is written.
    const png = await processImage(small, rule("imageMogr2/strip/format/png/size-limit/10k!"));
    expect(png.format).toBe("PNG");
  });

  it("imageSlim writes the same picture smaller (quality at most 75; an approximation of CI's compression)", async () => {
    const input = await landscapeJpeg();
    const output = await processImage(input, rule("imageSlim"));
    expect([output.width, output.height, output.format, output.quality]).toEqual([1000, 500, "JPEG", 75]);
    expect(output.size).toBeLessThan(input.length);
  });

  it("format/yjpeg (“essentially jpg”, CI “Format Conversion”) writes a JPEG", async () => {
    const output = await processImage(await quadrants(64, 64), rule("imageMogr2/format/yjpeg"));
    expect(output.format).toBe("JPEG");
  });
});

describe("cgif (CI “Format Conversion”: “FrameNumber=1 keeps the default of 30 frames, more are cut”)", () => {
  async function animation(frames: number): Promise<Buffer> {
    const strip = Buffer.alloc(20 * 20 * frames * 3, 0);
    for (let frame = 0; frame < frames; frame++) strip.fill(frame * 5, frame * 1200, (frame + 1) * 1200);
    return sharp(strip, { raw: { width: 20, height: 20 * frames, channels: 3, pageHeight: 20 } })
      .gif()
      .toBuffer();
  }

  it("cgif/20 keeps 20 of 40 frames; cgif/1 keeps 30", async () => {
    const input = await animation(40);
    const twenty = await processImage(input, rule("imageMogr2/cgif/20"));
    expect((await sharp(twenty.data).metadata()).pages).toBe(20);
    const thirty = await processImage(input, rule("imageMogr2/format/gif/cgif/1"));
    expect((await sharp(thirty.data).metadata()).pages).toBe(30);
  });
});
