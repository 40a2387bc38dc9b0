import { describe, expect, it } from "vitest";
import { estimateFromSample, evenlySpaced } from "../../../electron/jobs/count-estimate";
import { commonFolder } from "../../../electron/jobs/service";

describe("estimateFromSample: stratified over sub-folders", () => {
  it("adds the counted parts to the remaining sub-folders times the sample's mean, with a 95 % margin", () => {
    // Counted: 10 direct + 5 + 5. Remaining 10 sub-folders, sample 4 and 6: mean 5, so 50 more.
    // s² = 2; var = 10² × (1 − 2/10) × 2/2 = 80; margin = ⌈1.96 × √80⌉ = ⌈17.53⌉.
    expect(estimateFromSample({ direct: 10, censused: [5, 5], remaining: 10, sample: [4, 6] })).toEqual({
      total: 70,
      margin: 18,
    });
  });

  it("has no margin when the sample agrees, or covers every remaining sub-folder", () => {
    expect(estimateFromSample({ direct: 3, censused: [], remaining: 400, sample: [6, 6, 6, 6] })).toEqual({
      total: 2403,
      margin: 0,
    });
    expect(estimateFromSample({ direct: 0, censused: [1], remaining: 3, sample: [1, 50, 9] })).toEqual({
      total: 61,
      margin: 0,
    });
  });

  it("with one sub-folder sampled of several, the whole extrapolated part is the margin", () => {
    expect(estimateFromSample({ direct: 0, censused: [7], remaining: 9, sample: [12] })).toEqual({
      total: 115,
      margin: 108,
    });
  });

  it("with nothing left to sample, the count is exact", () => {
    expect(estimateFromSample({ direct: 4, censused: [2, 3], remaining: 0, sample: [] })).toEqual({
      total: 9,
      margin: 0,
    });
  });
});

describe("evenlySpaced", () => {
  it("takes the middle of each equal stretch, and everything when asked for more", () => {
    expect(evenlySpaced(100, 4)).toEqual([12, 37, 62, 87]);
    expect(evenlySpaced(3, 20)).toEqual([0, 1, 2]);
    expect(evenlySpaced(0, 20)).toEqual([]);
  });
});

describe("commonFolder", () => {
  it("is the folder every selected key is in", () => {
    expect(commonFolder(["a/b/1.jpg", "a/b/c/2.jpg"])).toBe("a/b/");
    expect(commonFolder(["a/b/1.jpg", "a/x/2.jpg"])).toBe("a/");
    expect(commonFolder(["a/1.jpg", "b/2.jpg"])).toBe("");
    expect(commonFolder(["top.jpg"])).toBe("");
  });
});
