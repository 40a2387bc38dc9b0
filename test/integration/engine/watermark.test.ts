import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage } from "../../../electron/engine";
import type { ImageWatermarkStage, TextWatermarkStage } from "../../../shared/rules/ast";
import { solid } from "./fixtures";

/** How many pixels of a region differ from the plain background. */
async function changedPixels(
  image: Buffer,
  region: { left: number; top: number; width: number; height: number },
) {
  const { data } = await sharp(image)
    .removeAlpha()
    .extract(region)
    .raw()
    .toBuffer({ resolveWithObject: true });
  let changed = 0;
  for (let i = 0; i < data.length; i += 3) {
    if (
      Math.abs((data[i] ?? 0) - 255) +
        Math.abs((data[i + 1] ?? 0) - 255) +
        Math.abs((data[i + 2] ?? 0) - 255) >
      30
    ) {
      changed++;
    }
  }
  return changed;
}

const corner = (position: "nw" | "se") =>
  position === "nw"
    ? { left: 0, top: 0, width: 150, height: 60 }
    : { left: 250, top: 240, width: 150, height: 60 };

function text(fields: Partial<TextWatermarkStage> = {}): { stages: TextWatermarkStage[] } {
  return {
    stages: [
      { kind: "watermark", type: 2, text: "Picops", fontsize: 30, fill: "#000000", unknown: [], ...fields },
    ],
  };
}

describe("text watermark (watermark/2)", () => {
  it("draws in the SouthEast corner by default and nowhere else", async () => {
    const output = await processImage(await solid(400, 300, "#ffffff"), text());
    expect([output.width, output.height]).toEqual([400, 300]);
    expect(await changedPixels(output.data, corner("se"))).toBeGreaterThan(50);
    expect(await changedPixels(output.data, corner("nw"))).toBe(0);
  });

  it("moves with gravity and dx/dy", async () => {
    const output = await processImage(
      await solid(400, 300, "#ffffff"),
      text({ gravity: "northwest", dx: 10, dy: 10 }),
    );
    expect(await changedPixels(output.data, corner("nw"))).toBeGreaterThan(50);
    expect(await changedPixels(output.data, corner("se"))).toBe(0);
    expect(await changedPixels(output.data, { left: 0, top: 0, width: 10, height: 300 })).toBe(0);
  });

  it("renders CJK text with the fill colour", async () => {
    const output = await processImage(
      await solid(400, 300, "#ffffff"),
      text({ text: "腾讯云·万象优图", font: "simhei黑体.ttf", fill: "#FF0000", dissolve: 100 }),
    );
    const { data } = await sharp(output.data)
      .extract(corner("se"))
      .raw()
      .toBuffer({ resolveWithObject: true });
    let red = 0;
    for (let i = 0; i < data.length; i += 3) if ((data[i] ?? 0) > 200 && (data[i + 1] ?? 0) < 60) red++;
    expect(red).toBeGreaterThan(100);
  });

  it("batch tiles the text over the whole picture", async () => {
    const output = await processImage(await solid(400, 300, "#ffffff"), text({ batch: true, degree: 30 }));
    expect(await changedPixels(output.data, corner("nw"))).toBeGreaterThan(20);
    expect(await changedPixels(output.data, corner("se"))).toBeGreaterThan(20);
  });

  it("shadow darkens more pixels than the text alone", async () => {
    const plain = await processImage(await solid(400, 300, "#ffffff"), text({ fill: "#FFFF00" }));
    const shadowed = await processImage(
      await solid(400, 300, "#ffffff"),
      text({ fill: "#FFFF00", shadow: 80 }),
    );
    expect(await changedPixels(shadowed.data, corner("se"))).toBeGreaterThan(
      await changedPixels(plain.data, corner("se")),
    );
  });
});

describe("image watermark (watermark/1)", () => {
  const url = "http://examplebucket-1250000000.cos.ap-shanghai.myqcloud.com/shuiyin_2.png";
  const stage = (fields: Partial<ImageWatermarkStage> = {}): { stages: ImageWatermarkStage[] } => ({
    stages: [{ kind: "watermark", type: 1, imageUrl: url, unknown: [], ...fields }],
  });

  it("fetches the mark by URL and draws it SouthEast", async () => {
    const requested: string[] = [];
    const mark = await solid(40, 20, "#0000ff");
    const output = await processImage(await solid(400, 300, "#ffffff"), stage(), {
      loadWatermarkImage: async (u) => {
        requested.push(u);
        return mark;
      },
    });
    expect(requested).toEqual([url]);
    expect(await changedPixels(output.data, { left: 360, top: 280, width: 40, height: 20 })).toBe(800);
    expect(await changedPixels(output.data, { left: 0, top: 0, width: 360, height: 280 })).toBe(0);
  });

  it("scales by width per mille (scatype 1) and fades with dissolve", async () => {
    const output = await processImage(
      await solid(400, 300, "#ffffff"),
      stage({ gravity: "northwest", scatype: 1, spcent: 500, dissolve: 50 }),
      { loadWatermarkImage: async () => solid(40, 20, "#0000ff") },
    );
    // 500‰ of 400 px = 200×100, half-transparent blue over white.
    expect(await changedPixels(output.data, { left: 0, top: 0, width: 200, height: 100 })).toBe(200 * 100);
    expect(await changedPixels(output.data, { left: 200, top: 100, width: 200, height: 200 })).toBe(0);
    const { data } = await sharp(output.data)
      .extract({ left: 50, top: 50, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(100);
    expect(data[0]).toBeLessThan(160);
  });

  it("cannot run without a way to fetch the mark", async () => {
    await expect(processImage(await solid(40, 30, "#ffffff"), stage())).rejects.toMatchObject({
      code: "not-supported-locally",
    });
  });
});
