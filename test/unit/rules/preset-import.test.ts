import { describe, expect, it } from "vitest";
import { PRESET_EXCHANGE_FORMAT, readPresetExchange } from "../../../shared/presets/preset";

describe("preset import", () => {
  it("takes rules CI documents and rules with only warnings; skips only what COS refuses", () => {
    const rules = [
      "imageMogr2/quality/0",
      "imageMogr2/thumbnail/200x/",
      "imageMogr2/scrop/300x300|imageSlim",
      "imageMogr2/tile/2",
      "imageMogr2/rotate/-90",
      "imageMogr2/quality/101",
    ];
    const file = JSON.stringify({
      format: PRESET_EXCHANGE_FORMAT,
      version: 1,
      presets: rules.map((rule, index) => ({ name: `Preset ${index + 1}`, rule })),
    });
    const read = readPresetExchange(file);
    expect("presets" in read && read.presets.map(({ preset }) => preset.rule)).toEqual(rules.slice(0, 5));
    expect("skipped" in read && read.skipped.map((skipped) => skipped.index)).toEqual([5]);
  });
});
