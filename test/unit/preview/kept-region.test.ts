import { describe, expect, it } from "vitest";
import { keptRegion, scaleRegion } from "../../../electron/preview/kept-region";
import { checkRule } from "../../../shared/rules/index";

const photo = { width: 1200, height: 900 };
const regionOf = (rule: string) => keptRegion(checkRule(rule).pipeline, photo);

describe("the part of the original a rule keeps", () => {
  it("is the whole picture (no region) for a resize or a format change", () => {
    expect(regionOf("imageMogr2/thumbnail/300x/format/webp")).toBeUndefined();
    expect(regionOf("imageMogr2/format/png")).toBeUndefined();
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
    expect(Math.abs((view2?.left ?? 0) - 150)).toBeLessThan(2);
    expect(Math.abs((view2?.width ?? 0) - 900)).toBeLessThan(2);
    expect(view2?.height).toBe(900);
  });

  it("gives up where the geometry cannot be followed", () => {
    expect(regionOf("imageMogr2/rotate/45/crop/100x100")).toBeUndefined();
    expect(regionOf("style/square")).toBeUndefined();
  });

  it("scales from the working copy to the original", () => {
    const region = { left: 50, top: 0, width: 300, height: 300 };
    expect(scaleRegion(region, { width: 400, height: 300 }, photo)).toEqual({
      left: 150,
      top: 0,
      width: 900,
      height: 900,
    });
  });
});
