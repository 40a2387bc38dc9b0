import { describe, expect, it } from "vitest";
import { keptRegion } from "../../../electron/preview/kept-region";
import { inlineStyles, type StyleLookup } from "../../../electron/preview/style-rules";
import { checkRule } from "../../../shared/rules/index";

const photo = { width: 1200, height: 900 };

/** A bucket's styles, looked up the way the preview looks them up in COS. */
function bucketWith(styles: Record<string, string>): StyleLookup {
  return async (name) => styles[name];
}

async function keptThroughStyles(rule: string, lookup: StyleLookup) {
  const inlined = await inlineStyles(checkRule(rule).pipeline, lookup);
  return inlined && keptRegion(inlined, photo);
}

describe("the part of the original a bucket style keeps", () => {
  it("is followed through the style's own rule: a square crop keeps the centred square", async () => {
    const bucket = bucketWith({ square: "imageMogr2/thumbnail/!300x300r/crop/300x300" });
    const square = { kind: "region", region: { left: 150, top: 0, width: 900, height: 900 } };
    expect(await keptThroughStyles("style/square", bucket)).toEqual(square);
    // Stages around the style run before and after its own, as COS runs them.
    expect(await keptThroughStyles("imageMogr2/format/png|style/square", bucket)).toEqual(square);
    expect(await keptThroughStyles("style/square|imageMogr2/gravity/west/crop/150x300", bucket)).toEqual({
      kind: "region",
      region: { left: 150, top: 0, width: 450, height: 900 },
    });
  });

  it("follows a style that names another style, and a style that only resizes keeps the whole picture", async () => {
    const bucket = bucketWith({
      wide: "imageMogr2/crop/1200x300",
      banner: "style/wide|imageMogr2/thumbnail/600x",
      small: "imageMogr2/thumbnail/300x",
    });
    expect(await keptThroughStyles("style/banner", bucket)).toEqual({
      kind: "region",
      region: { left: 0, top: 300, width: 1200, height: 300 },
    });
    expect(await keptThroughStyles("style/small", bucket)).toEqual({ kind: "whole" });
  });

  it("cannot follow a style the bucket does not have, one whose rule does not parse, or one that reaches itself", async () => {
    const bucket = bucketWith({
      broken: "imageMogr2/quality/400",
      loop: "imageMogr2/strip|style/loop",
    });
    expect(await inlineStyles(checkRule("style/missing").pipeline, bucket)).toBeUndefined();
    expect(await inlineStyles(checkRule("style/broken").pipeline, bucket)).toBeUndefined();
    expect(await inlineStyles(checkRule("style/loop").pipeline, bucket)).toBeUndefined();
  });

  it("passes on a lookup that fails, so the caller can keep the rule as written", async () => {
    const unreachable: StyleLookup = async () => {
      throw new Error("connect ECONNREFUSED");
    };
    await expect(inlineStyles(checkRule("style/square").pipeline, unreachable)).rejects.toThrow(
      "ECONNREFUSED",
    );
    // A rule without styles needs no lookup at all.
    expect(await inlineStyles(checkRule("imageMogr2/crop/900x900").pipeline, unreachable)).toEqual(
      checkRule("imageMogr2/crop/900x900").pipeline,
    );
  });
});
