import { describe, expect, it } from "vitest";
import { cutsOriginal, regionStyle } from "../../../renderer/features/preview/geometry";

const before = { url: "media/before", format: "JPEG", width: 1200, height: 900, bytes: 1 } as const;

describe("where an output is drawn over the original", () => {
  it("places a region in percent of the scene, turned back by the output's turn", () => {
    expect(regionStyle(before, { left: 150, top: 0, width: 900, height: 900 })).toEqual({
      left: "12.5%",
      top: "0%",
      width: "75%",
      height: "100%",
    });
    // A quarter turn: the 900×1200 output, centred on the photo, turned back anticlockwise.
    expect(regionStyle(before, { left: 150, top: -150, width: 900, height: 1200, turn: 90 })).toEqual({
      left: "12.5%",
      top: "-16.667%",
      width: "75%",
      height: "133.333%",
      transform: "rotate(-90deg)",
    });
    expect(regionStyle(before, undefined)).toEqual({ left: "0%", top: "0%", width: "100%", height: "100%" });
  });

  it("mirrors a mirrored output back before turning it back", () => {
    const whole = { left: "0%", top: "0%", width: "100%", height: "100%" };
    expect(regionStyle(before, { left: 0, top: 0, width: 1200, height: 900, mirrored: true })).toEqual({
      ...whole,
      transform: "scaleX(-1)",
    });
    // Upside down (flip/vertical): mirrored and turned half round; CSS mirrors first, then turns.
    expect(
      regionStyle(before, { left: 0, top: 0, width: 1200, height: 900, turn: 180, mirrored: true }),
    ).toEqual({ ...whole, transform: "rotate(-180deg) scaleX(-1)" });
    // A mirrored outline is the same rectangle: it cuts what the unmirrored one cuts.
    expect(cutsOriginal(before, { left: 900, top: 0, width: 300, height: 900, mirrored: true })).toBe(true);
    expect(cutsOriginal(before, { left: 0, top: 0, width: 1200, height: 900, mirrored: true })).toBe(false);
  });

  it("outlines only what leaves part of the original out", () => {
    // A crop cuts; a quarter turn, a padded box or an oblique turn's holding box keeps everything.
    expect(cutsOriginal(before, { left: 150, top: 0, width: 900, height: 900 })).toBe(true);
    expect(cutsOriginal(before, { left: 150, top: -150, width: 900, height: 1200, turn: 90 })).toBe(false);
    expect(cutsOriginal(before, { left: 0, top: -150, width: 1200, height: 1200 })).toBe(false);
    expect(cutsOriginal(before, { left: -142.5, top: -292.5, width: 1485, height: 1485, turn: 45 })).toBe(
      false,
    );
    // The same holding box a little smaller: the photo's corners stick out of it.
    expect(cutsOriginal(before, { left: -92.5, top: -242.5, width: 1385, height: 1385, turn: 45 })).toBe(
      true,
    );
    // The photo's left strip, reached through a quarter turn.
    expect(cutsOriginal(before, { left: -300, top: 300, width: 900, height: 300, turn: 90 })).toBe(true);
  });
});
