import { describe, expect, it } from "vitest";
import { type KeptRegion, keptRegion, scaleRegion } from "../../../electron/preview/kept-region";
import { checkRule } from "../../../shared/rules/index";

const photo = { width: 1200, height: 900 };
const keptBy = (rule: string) => keptRegion(checkRule(rule).pipeline, photo);
const regionOf = (rule: string) => {
  const kept: KeptRegion = keptBy(rule);
  if (kept.kind !== "region") throw new Error(`${rule}: ${kept.kind}`);
  return kept.region;
};
/** The region rounded to a hundredth of a pixel: turned regions go through cosines. */
const rounded = (rule: string) =>
  Object.fromEntries(
    Object.entries(regionOf(rule)).map(([name, value]) => [
      name,
      typeof value === "number" ? Math.round(value * 100) / 100 : value,
    ]),
  );

describe("the part of the original a rule keeps", () => {
  it("is the whole picture for a resize, a format change or rounded corners", () => {
    expect(keptBy("imageMogr2/thumbnail/300x/format/webp")).toEqual({ kind: "whole" });
    expect(keptBy("imageMogr2/format/png")).toEqual({ kind: "whole" });
    expect(keptBy("imageMogr2/iradius/100")).toEqual({ kind: "whole" });
    expect(keptBy("imageMogr2/rotate/360")).toEqual({ kind: "whole" });
  });

  it("is the centred square of a 4:3 photo for a cover thumbnail and a square crop", () => {
    expect(regionOf("imageMogr2/thumbnail/!300x300r/crop/300x300")).toEqual({
      left: 150,
      top: 0,
      width: 900,
      height: 900,
    });
    expect(regionOf("imageMogr2/crop/900x900")).toEqual({ left: 150, top: 0, width: 900, height: 900 });
  });

  it("follows gravity and cut offsets, and imageView2's centre crop", () => {
    expect(regionOf("imageMogr2/gravity/northwest/crop/600x300")).toEqual({
      left: 0,
      top: 0,
      width: 600,
      height: 300,
    });
    expect(regionOf("imageMogr2/cut/100x200x10x20")).toEqual({ left: 10, top: 20, width: 100, height: 200 });
    // 1200×900 → 267×200 (rounded), then the centre 200×200: within two pixels of the centred square.
    const view2 = regionOf("imageView2/1/w/200/h/200");
    expect(Math.abs(view2.left - 150)).toBeLessThan(2);
    expect(Math.abs(view2.width - 900)).toBeLessThan(2);
    expect(view2.height).toBe(900);
  });

  it("turns with a rotation: the whole photo a quarter turn round, then a crop of the turned picture", () => {
    // The 900×1200 output, turned back a quarter, covers the photo exactly.
    expect(rounded("imageMogr2/rotate/90")).toEqual({
      left: 150,
      top: -150,
      width: 900,
      height: 1200,
      turn: 90,
    });
    expect(rounded("imageMogr2/rotate/180")).toEqual({
      left: 0,
      top: 0,
      width: 1200,
      height: 900,
      turn: 180,
    });
    expect(rounded("imageMogr2/rotate/-90")).toEqual({
      left: 150,
      top: -150,
      width: 900,
      height: 1200,
      turn: -90,
    });
    // The top strip of the turned picture is the photo's left strip: 300 px wide, all its height.
    expect(rounded("imageMogr2/rotate/90/gravity/north/crop/900x300")).toEqual({
      left: -300,
      top: 300,
      width: 900,
      height: 300,
      turn: 90,
    });
  });

  it("reaches past the photo for an oblique turn and for padding, centred on it", () => {
    // 45°: the 1485×1485 box that holds the turned photo, centred on the photo's centre.
    expect(rounded("imageMogr2/rotate/45")).toEqual({
      left: -142.5,
      top: -292.5,
      width: 1485,
      height: 1485,
      turn: 45,
    });
    // The engine centres the crop at whole pixels (692 of 1485): half a pixel up and left, turned back 45°.
    expect(rounded("imageMogr2/rotate/45/crop/100x100")).toEqual({
      left: 549.29,
      top: 400,
      width: 100,
      height: 100,
      turn: 45,
    });
    // Fitted into 300×300 (300×225) and padded: a 1200×1200 square of the photo's pixels, its band centred.
    const padded = regionOf("imageMogr2/thumbnail/300x300/pad/1");
    expect(padded.left).toBe(0);
    expect(padded.width).toBe(1200);
    expect(padded.height).toBe(1200);
    expect(Math.abs(padded.top + 150)).toBeLessThanOrEqual(2);
    expect(padded.turn).toBeUndefined();
  });

  it("says it cannot know where a smart crop or a style cuts, or an oblique turn of a stretched picture", () => {
    expect(keptBy("imageMogr2/scrop/300x300")).toEqual({ kind: "unknown" });
    expect(keptBy("style/square")).toEqual({ kind: "unknown" });
    expect(keptBy("imageMogr2/thumbnail/300x300!/rotate/45")).toEqual({ kind: "unknown" });
    // A quarter turn of the same stretched picture still lines up.
    expect(keptBy("imageMogr2/thumbnail/300x300!/rotate/90").kind).toBe("region");
  });

  it("works in the pictures as shown when the photo is stored sideways (EXIF Orientation 6)", () => {
    // Stored 1200×900, shown 900×1200: the output keeps the tag, so it is shown upright too.
    const sideways = (rule: string, output: number) =>
      keptRegion(checkRule(rule).pipeline, photo, { input: 6, output });
    expect(sideways("imageMogr2/thumbnail/300x", 6)).toEqual({ kind: "whole" });
    // The stored pixels' left half is the shown photo's top half.
    const topHalf = { kind: "region", region: { left: 0, top: 0, width: 900, height: 600 } };
    expect(sideways("imageMogr2/gravity/northwest/crop/600x900", 6)).toEqual(topHalf);
    // auto-orient turns the pixels upright first (and writes Orientation 1): the same top half.
    expect(sideways("imageMogr2/auto-orient/gravity/north/crop/900x600", 1)).toEqual(topHalf);
    // Without the tag (strip) the output is shown as stored: turned back a quarter over the photo.
    expect(sideways("imageMogr2/thumbnail/300x/strip", 0)).toEqual({
      kind: "region",
      region: { left: -150, top: 150, width: 1200, height: 900, turn: -90 },
    });
  });

  it("mirrors back a flipped output, alone, cropped, turned or turned obliquely", () => {
    expect(regionOf("imageMogr2/flip/horizontal")).toEqual({
      left: 0,
      top: 0,
      width: 1200,
      height: 900,
      mirrored: true,
    });
    // Upside down is mirrored left to right and turned half round.
    expect(regionOf("imageMogr2/flip/vertical")).toEqual({
      left: 0,
      top: 0,
      width: 1200,
      height: 900,
      turn: 180,
      mirrored: true,
    });
    // The left strip of the flipped picture is the photo's right strip.
    expect(regionOf("imageMogr2/flip/horizontal/gravity/west/crop/300x900")).toEqual({
      left: 900,
      top: 0,
      width: 300,
      height: 900,
      mirrored: true,
    });
    expect(rounded("imageMogr2/flip/horizontal/rotate/90")).toEqual({
      left: 150,
      top: -150,
      width: 900,
      height: 1200,
      turn: -90,
      mirrored: true,
    });
    // Seen from the photo, a mirrored picture turns the other way.
    expect(rounded("imageMogr2/flip/horizontal/rotate/45")).toEqual({
      left: -142.5,
      top: -292.5,
      width: 1485,
      height: 1485,
      turn: -45,
      mirrored: true,
    });
    // Flipped twice is the photo again.
    expect(keptBy("imageMogr2/flip/horizontal/flip/horizontal")).toEqual({ kind: "whole" });
    expect(keptBy("imageMogr2/flip/horizontal/flip/vertical/rotate/180")).toEqual({ kind: "whole" });
  });

  it("works in the pictures as shown for each mirrored EXIF orientation (2, 4, 5, 7)", () => {
    const stored = (rule: string, input: number, output: number) =>
      keptRegion(checkRule(rule).pipeline, photo, { input, output });
    const region = (value: object) => ({ kind: "region", region: value });
    for (const orientation of [2, 4, 5, 7]) {
      expect(stored("imageMogr2/thumbnail/300x", orientation, orientation)).toEqual({ kind: "whole" });
    }
    // Orientation 2 shows the stored pixels mirrored: their left strip is the shown photo's right strip.
    expect(stored("imageMogr2/gravity/west/crop/300x900", 2, 2)).toEqual(
      region({ left: 900, top: 0, width: 300, height: 900 }),
    );
    // Orientation 4 shows them upside down, mirrored: their top strip is the shown photo's bottom strip.
    expect(stored("imageMogr2/gravity/north/crop/1200x300", 4, 4)).toEqual(
      region({ left: 0, top: 600, width: 1200, height: 300 }),
    );
    // 5 (transpose) and 7 (transverse): the stored left half is the shown top half, or bottom half.
    expect(stored("imageMogr2/gravity/northwest/crop/600x900", 5, 5)).toEqual(
      region({ left: 0, top: 0, width: 900, height: 600 }),
    );
    expect(stored("imageMogr2/gravity/northwest/crop/600x900", 7, 7)).toEqual(
      region({ left: 0, top: 600, width: 900, height: 600 }),
    );
    // auto-orient makes the pixels upright (Orientation 1): a crop of the top is the shown top.
    expect(stored("imageMogr2/auto-orient/gravity/north/crop/900x600", 7, 1)).toEqual(
      region({ left: 0, top: 0, width: 900, height: 600 }),
    );
    // Without the tag the output is shown as stored: mirrored back over the photo, and turned back.
    expect(stored("imageMogr2/strip", 2, 0)).toEqual(
      region({ left: 0, top: 0, width: 1200, height: 900, mirrored: true }),
    );
    expect(stored("imageMogr2/strip", 5, 0)).toEqual(
      region({ left: -150, top: 150, width: 1200, height: 900, turn: 90, mirrored: true }),
    );
  });

  it("scales from the working copy to the original, turn and all", () => {
    const region = { left: 50, top: -50, width: 300, height: 400, turn: 90 };
    expect(scaleRegion(region, { width: 400, height: 300 }, photo)).toEqual({
      left: 150,
      top: -150,
      width: 900,
      height: 1200,
      turn: 90,
    });
  });
});
