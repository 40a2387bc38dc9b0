import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage } from "../../../electron/engine";
import type { ImageView2Stage, ThumbnailGeometry } from "../../../shared/rules/ast";
import { mogr2, solid } from "./fixtures";

async function sizeOf(data: Buffer) {
  const { width, height } = await sharp(data).metadata();
  return `${width}x${height}`;
}

async function thumbnail(width: number, height: number, geometry: ThumbnailGeometry) {
  const output = await processImage(
    await solid(width, height, "#336699"),
    mogr2({ op: "thumbnail", geometry }),
  );
  const real = await sizeOf(output.data);
  expect(`${output.width}x${output.height}`).toBe(real);
  return real;
}

describe("imageMogr2/thumbnail, every form (measured on the output file)", () => {
  it("percent: !50p both, !50px width only, !x50p height only", async () => {
    expect(await thumbnail(301, 201, { mode: "percent", axis: "both", percent: 50 })).toBe("151x101");
    expect(await thumbnail(300, 200, { mode: "percent", axis: "width", percent: 50 })).toBe("150x200");
    expect(await thumbnail(300, 200, { mode: "percent", axis: "height", percent: 150 })).toBe("300x300");
  });

  it("fit: Wx, xH and WxH (up or down, proportional, halves round up)", async () => {
    expect(await thumbnail(300, 200, { mode: "fit", width: 150 })).toBe("150x100");
    expect(await thumbnail(300, 200, { mode: "fit", height: 50 })).toBe("75x50");
    expect(await thumbnail(300, 200, { mode: "fit", width: 100, height: 100 })).toBe("100x67");
    expect(await thumbnail(300, 200, { mode: "fit", width: 600, height: 600 })).toBe("600x400");
    // 201 × 100/300 = 67.0, 5 × 3/10 = 1.5 → 2.
    expect(await thumbnail(10, 5, { mode: "fit", width: 3 })).toBe("3x2");
  });

  it("shrink-only > leaves a smaller picture alone, enlarge-only < a larger one", async () => {
    expect(await thumbnail(300, 200, { mode: "fit", width: 600, height: 600, only: "shrink" })).toBe(
      "300x200",
    );
    expect(await thumbnail(300, 200, { mode: "fit", width: 150, height: 600, only: "shrink" })).toBe(
      "150x100",
    );
    expect(await thumbnail(300, 200, { mode: "fit", width: 150, height: 150, only: "enlarge" })).toBe(
      "300x200",
    );
    expect(await thumbnail(300, 200, { mode: "fit", width: 600, height: 600, only: "enlarge" })).toBe(
      "600x400",
    );
  });

  it("cover !WxHr, force WxH!, area N@", async () => {
    expect(await thumbnail(300, 200, { mode: "cover", width: 100, height: 100 })).toBe("150x100");
    expect(await thumbnail(300, 200, { mode: "force", width: 100, height: 100 })).toBe("100x100");
    const area = await thumbnail(300, 200, { mode: "area", pixels: 10_000 });
    const [w = 0, h = 0] = area.split("x").map(Number);
    expect(w * h).toBeLessThanOrEqual(10_000);
    // Rounded 122×82 would be 10 004 px, so the sides are floored.
    expect(area).toBe("122x81");
  });

  it("refuses a thumbnail larger than COS's side limit", async () => {
    const rule = mogr2({ op: "thumbnail", geometry: { mode: "percent", axis: "both", percent: 1000 } });
    await expect(processImage(await solid(6000, 10, "#000"), rule)).rejects.toMatchObject({
      code: "ImageResolutionExceed",
    });
  });
});

describe("imageView2 modes (reference §7.4 worked examples on 1000×500)", () => {
  const view2 = (mode: ImageView2Stage["mode"], width?: number, height?: number) => ({
    stages: [{ kind: "imageView2" as const, mode, width, height, unknown: [] }],
  });
  const cases: [ImageView2Stage["mode"], number | undefined, number | undefined, string][] = [
    [1, 500, 400, "500x400"],
    [2, 500, 400, "500x250"],
    [3, 500, 400, "800x400"],
    [1, 200, undefined, "200x200"],
    [2, 200, undefined, "200x100"],
    [3, 200, undefined, "400x200"],
    [4, 600, 400, "800x400"],
    [5, 600, 400, "600x400"],
  ];
  for (const [mode, width, height, expected] of cases) {
    it(`mode ${mode} w${width ?? "-"} h${height ?? "-"} → ${expected}`, async () => {
      const output = await processImage(await solid(1000, 500, "#888888", "jpg"), view2(mode, width, height));
      expect(await sizeOf(output.data)).toBe(expected);
    });
  }

  it("mode 5 turns its box with a portrait picture", async () => {
    const output = await processImage(await solid(500, 1000, "#888888", "jpg"), view2(5, 600, 400));
    expect(await sizeOf(output.data)).toBe("400x600");
  });

  it("mode 1 crops the centre", async () => {
    const data = Buffer.alloc(1000 * 500 * 3, 0);
    // A white band across the middle 500 columns: after scaling to 800 and cropping 150
    // from each side, the left edge of the output is inside the band's scaled image.
    for (let y = 0; y < 500; y++)
      for (let x = 250; x < 750; x++) data.fill(255, (y * 1000 + x) * 3, (y * 1000 + x) * 3 + 3);
    const input = await sharp(data, { raw: { width: 1000, height: 500, channels: 3 } })
      .png()
      .toBuffer();
    const output = await processImage(input, view2(1, 500, 400));
    const { data: pixels } = await sharp(output.data).raw().toBuffer({ resolveWithObject: true });
    // Band spans 200–600 in the 800-wide scale, i.e. 50–450 after the 150 px crop.
    expect(pixels[(200 * 500 + 40) * 3]).toBeLessThan(30);
    expect(pixels[(200 * 500 + 60) * 3]).toBeGreaterThan(225);
    expect(pixels[(200 * 500 + 460) * 3]).toBeLessThan(30);
  });
});
