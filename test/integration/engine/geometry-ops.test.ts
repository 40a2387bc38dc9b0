import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage } from "../../../electron/engine";
import type { Gravity } from "../../../shared/rules/ast";
import { alphaAt, BLUE, GREEN, mogr2, near, pixelAt, quadrants, RED, type Rgb, YELLOW } from "./fixtures";

// Quadrants of a 200×100 input: red NW, green NE, blue SW, yellow SE.
describe("crop with the nine gravities (default center)", () => {
  // A 60×30 crop: which quadrant colours land at its four corners.
  const cases: [Gravity | undefined, Rgb, Rgb, Rgb, Rgb][] = [
    ["northwest", RED, RED, RED, RED],
    ["north", RED, GREEN, RED, GREEN],
    ["northeast", GREEN, GREEN, GREEN, GREEN],
    ["west", RED, RED, BLUE, BLUE],
    [undefined, RED, GREEN, BLUE, YELLOW],
    ["center", RED, GREEN, BLUE, YELLOW],
    ["east", GREEN, GREEN, YELLOW, YELLOW],
    ["southwest", BLUE, BLUE, BLUE, BLUE],
    ["south", BLUE, YELLOW, BLUE, YELLOW],
    ["southeast", YELLOW, YELLOW, YELLOW, YELLOW],
  ];
  for (const [gravity, nw, ne, sw, se] of cases) {
    it(`${gravity ?? "default"} keeps the expected corner colours`, async () => {
      const ops = gravity ? [{ op: "gravity" as const, gravity }] : [];
      const output = await processImage(
        await quadrants(200, 100),
        mogr2(...ops, { op: "crop", width: 60, height: 30 }),
      );
      expect([output.width, output.height]).toEqual([60, 30]);
      expect(await pixelAt(output.data, 0, 0)).toEqual(nw);
      expect(await pixelAt(output.data, 59, 0)).toEqual(ne);
      expect(await pixelAt(output.data, 0, 29)).toEqual(sw);
      expect(await pixelAt(output.data, 59, 29)).toEqual(se);
    });
  }

  it("crop/Wx keeps the full height", async () => {
    const output = await processImage(await quadrants(200, 100), mogr2({ op: "crop", width: 50 }));
    expect([output.width, output.height]).toEqual([50, 100]);
  });

  it("refuses a crop larger than the picture", async () => {
    await expect(
      processImage(await quadrants(200, 100), mogr2({ op: "crop", width: 300, height: 50 })),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("ignore-error passes the picture on instead of failing", async () => {
    const output = await processImage(
      await quadrants(200, 100),
      mogr2({ op: "crop", width: 300, height: 50 }, { op: "ignore-error" }),
    );
    expect([output.width, output.height]).toEqual([200, 100]);
  });
});

describe("cut", () => {
  it("keeps the rectangle from its top-left offset", async () => {
    const output = await processImage(
      await quadrants(200, 100),
      mogr2({ op: "cut", width: 20, height: 10, dx: 150, dy: 80 }),
    );
    expect([output.width, output.height]).toEqual([20, 10]);
    expect(await pixelAt(output.data, 0, 0)).toEqual(YELLOW);
  });

  it("clips a rectangle that runs past the edge", async () => {
    const output = await processImage(
      await quadrants(200, 100),
      mogr2({ op: "cut", width: 100, height: 100, dx: 150, dy: 0 }),
    );
    expect([output.width, output.height]).toEqual([50, 100]);
  });
});

describe("rotate (clockwise)", () => {
  it("90 swaps the sides and moves the NW corner to NE", async () => {
    const output = await processImage(await quadrants(200, 100), mogr2({ op: "rotate", degrees: 90 }));
    expect([output.width, output.height]).toEqual([100, 200]);
    expect(await pixelAt(output.data, 99, 0)).toEqual(RED);
    expect(await pixelAt(output.data, 0, 0)).toEqual(BLUE);
    expect(await pixelAt(output.data, 99, 199)).toEqual(GREEN);
  });

  it("180 moves NW to SE", async () => {
    const output = await processImage(await quadrants(200, 100), mogr2({ op: "rotate", degrees: 180 }));
    expect(await pixelAt(output.data, 199, 99)).toEqual(RED);
  });

  it("45 grows the canvas and fills the uncovered corners with white", async () => {
    const output = await processImage(await quadrants(200, 100, "jpg"), mogr2({ op: "rotate", degrees: 45 }));
    expect(output.width).toBeGreaterThanOrEqual(212);
    expect(output.height).toBeGreaterThanOrEqual(212);
    expect(near(await pixelAt(output.data, 1, 1), [255, 255, 255], 10)).toBe(true);
  });
});

describe("iradius and rradius", () => {
  it("iradius keeps a 2r circle, transparent outside in PNG", async () => {
    const output = await processImage(await quadrants(200, 100), mogr2({ op: "iradius", radius: 40 }));
    expect([output.width, output.height]).toEqual([80, 80]);
    expect(await alphaAt(output.data, 0, 0)).toBe(0);
    expect(await alphaAt(output.data, 40, 40)).toBe(255);
  });

  it("iradius on a JPEG output fills outside the circle with white", async () => {
    const output = await processImage(await quadrants(200, 100, "jpg"), mogr2({ op: "iradius", radius: 40 }));
    expect(output.format).toBe("JPEG");
    expect(near(await pixelAt(output.data, 1, 1), [255, 255, 255], 8)).toBe(true);
    expect(near(await pixelAt(output.data, 20, 20), RED)).toBe(true);
  });

  it("rradius rounds the corners and keeps the size", async () => {
    const output = await processImage(await quadrants(200, 100), mogr2({ op: "rradius", radius: 30 }));
    expect([output.width, output.height]).toEqual([200, 100]);
    expect(await alphaAt(output.data, 0, 0)).toBe(0);
    expect(await alphaAt(output.data, 30, 0)).toBe(255);
    expect(await alphaAt(output.data, 100, 50)).toBe(255);
  });

  it("refuses a radius over half the short side", async () => {
    await expect(
      processImage(await quadrants(200, 100), mogr2({ op: "iradius", radius: 51 })),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});

describe("EXIF orientation", () => {
  async function rotatedByExif(orientation: number) {
    return sharp(await quadrants(200, 100, "jpg"))
      .withMetadata({ orientation })
      .jpeg({ quality: 95 })
      .toBuffer();
  }

  it("without auto-orient: stored pixels are processed and the tag is kept", async () => {
    const output = await processImage(
      await rotatedByExif(6),
      mogr2({ op: "thumbnail", geometry: { mode: "fit", width: 100 } }),
    );
    expect([output.width, output.height]).toEqual([100, 50]);
    expect(output.orientation).toBe(6);
    expect((await sharp(output.data).metadata()).orientation).toBe(6);
  });

  it("auto-orient turns the pixels upright and resets the tag to 1", async () => {
    const output = await processImage(await rotatedByExif(6), mogr2({ op: "auto-orient" }));
    expect([output.width, output.height]).toEqual([100, 200]);
    expect(output.orientation).toBe(1);
    expect((await sharp(output.data).metadata()).orientation).toBe(1);
    expect(near(await pixelAt(output.data, 99, 0), RED)).toBe(true);
  });

  it("auto-orient agrees with sharp for all eight orientations, even after another operation", async () => {
    for (let orientation = 1; orientation <= 8; orientation++) {
      const input = await rotatedByExif(orientation);
      const output = await processImage(
        input,
        mogr2(
          { op: "thumbnail", geometry: { mode: "percent", axis: "both", percent: 50 } },
          { op: "auto-orient" },
        ),
      );
      // sharp turns before it resizes, so its box is the upright one.
      const turned = orientation >= 5;
      const expected = await sharp(input)
        .autoOrient()
        .resize(turned ? 50 : 100, turned ? 100 : 50)
        .png()
        .toBuffer();
      const { width, height } = await sharp(expected).metadata();
      expect([output.width, output.height], `orientation ${orientation}`).toEqual([width, height]);
      for (const [x, y] of [
        [2, 2],
        [width - 3, 2],
        [2, height - 3],
      ] as const) {
        expect(
          near(await pixelAt(output.data, x, y), await pixelAt(expected, x, y)),
          `o${orientation} ${x},${y}`,
        ).toBe(true);
      }
    }
  });

  it("strip drops EXIF: the output reports 0", async () => {
    const output = await processImage(await rotatedByExif(6), mogr2({ op: "strip" }));
    expect(output.orientation).toBe(0);
    expect((await sharp(output.data).metadata()).orientation).toBeUndefined();
  });

  it("the tag survives into PNG and WebP outputs", async () => {
    for (const format of ["png", "webp"] as const) {
      const output = await processImage(await rotatedByExif(8), mogr2({ op: "format", format }));
      expect((await sharp(output.data).metadata()).orientation, format).toBe(8);
      expect(output.orientation).toBe(8);
    }
  });
});
