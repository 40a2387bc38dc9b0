import { describe, expect, it } from "vitest";
import { MAX_OBJECT_HEADERS, objectsToSample } from "../../../electron/uploads/object-headers";

/**
 * Which objects a processing plan reads the header of (issue 15, point 4): a bounded number,
 * whatever the prefix holds, chosen over the whole listing.
 */

const jpegs = (count: number, size = 50_000) =>
  Array.from({ length: count }, (_, index) => ({ key: `shoot/${String(index).padStart(6, "0")}.jpg`, size }));

describe("the objects a plan samples", () => {
  it("reads at most its budget of headers, however large the prefix", () => {
    const sampled = objectsToSample(jpegs(100_000));
    expect(sampled).toHaveLength(MAX_OBJECT_HEADERS);
    expect(new Set(sampled).size).toBe(MAX_OBJECT_HEADERS);
  });

  it("reads every object of a selection within its budget", () => {
    expect(objectsToSample(jpegs(150))).toEqual(Array.from({ length: 150 }, (_, index) => index));
  });

  it("spreads its reads over the whole listing, not its start", () => {
    const sampled = objectsToSample(jpegs(100_000));
    const tenths = new Set(sampled.map((index) => Math.floor(index / 10_000)));
    expect([...tenths].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("reads a format found once, wherever it sits, and the largest object of each format", () => {
    const objects = [
      ...jpegs(50_000),
      { key: "shoot/still.heic", size: 900_000 },
      ...jpegs(50_000).map((object) => ({ ...object, key: object.key.replace("shoot/", "shoot/z/") })),
      { key: "shoot/zz/party.gif", size: 30_000 },
    ];
    (objects[77_777] as { size: number }).size = 40_000_000;
    const sampled = objectsToSample(objects);
    expect(sampled).toHaveLength(MAX_OBJECT_HEADERS);
    expect(sampled).toContain(50_000);
    expect(sampled).toContain(objects.length - 1);
    expect(sampled).toContain(77_777);
  });

  it("tells formats by extension, whatever their spelling", () => {
    const objects = [...jpegs(300), { key: "a/photo.JPEG", size: 10 }, { key: "b/photo.HEIF", size: 10 }];
    const sampled = objectsToSample(objects, 3);
    // `.JPEG` is one more JPEG; `.HEIF` a format of its own, read whatever the budget.
    expect(sampled).toContain(301);
    expect(sampled).toHaveLength(3);
  });
});
