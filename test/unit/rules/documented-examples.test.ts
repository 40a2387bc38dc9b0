import { describe, expect, it } from "vitest";
import { checkRule, formatRule, howRuleRunsLocally } from "../../../shared/rules";
import { CI_DOCUMENTED_EXAMPLES } from "../../fixtures/ci-documented-examples";

const errorsOf = (rule: string) =>
  checkRule(rule)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => d.message);

describe("every rule CI's pages and SDK demos write", () => {
  it.each(CI_DOCUMENTED_EXAMPLES.map((example) => [example.rule, example] as const))(
    "%s is no error, writes back as itself and runs locally as the table says",
    (rule, example) => {
      expect(errorsOf(rule)).toEqual([]);
      const { pipeline } = checkRule(rule);
      const canonical = formatRule(pipeline);
      // Canonical text drops only a trailing `/`, Base64 padding and gravity's case.
      expect(formatRule(checkRule(canonical).pipeline)).toBe(canonical);
      expect(howRuleRunsLocally(pipeline).support).toBe(example.local);
    },
  );
});

/** Each rule issue 18 lists as refused although CI documents it, and the page that says so. */
const FALSE_REFUSALS: [rule: string, why: string][] = [
  ["imageMogr2/quality/0", "CI “Quality Change”: quality 0–100"],
  ["imageView2/2/w/500/q/0", "CI imageView2: q 0–100"],
  ["imageMogr2/blur/8x0.5", "CI “Gaussian Blur”: sigma > 0"],
  ["imageMogr2/blur/10x60", "CI “Gaussian Blur”: radius 1–50, sigma > 0 with no maximum"],
  ["imageMogr2/thumbnail/12000x", "CI “Specifications and Limits”: sides up to 50,000 px"],
  ["imageView2/2/w/20000", "CI “Specifications and Limits”: sides up to 50,000 px"],
  ["imageMogr2/thumbnail/200x/", "official Node and Go demos end rules with /"],
  ["imageView2/2/w/200/", "a trailing / after a parameter"],
  [
    "watermark/1/image/aHR0cDovL2V4YW1wbGVidWNrZXQtMTI1MDAwMDAwMC5jb3MuYXAtYmVpamluZy50ZW5jZW50Y29zLmNuL3dhdGVybWFyay5wbmc",
    "official Python demo: http://examplebucket-1250000000.cos.ap-beijing.tencentcos.cn/watermark.png",
  ],
  [
    "watermark/1/image/aHR0cDovL2V4YW1wbGVzLTEyNTEwMDAwMDQucGljc2gubXlxY2xvdWQuY29tL3NodWl5aW4uanBn/gravity/southeast",
    "CI “Image Watermark” example 1: a picsh.myqcloud.com host",
  ],
  ["watermark/1/image_key/bG9nby5wbmc", "image_key names the watermark picture by key"],
  ["imageMogr2/format/svgc", "CI “SVG Compression”"],
  ["imageMogr2/thumbnail/600x600/pad/1/color/IzNEM0QzRA", "CI “Scaling” example 3"],
  ["imageMogr2/size-limit/15k!", "CI “Image Size Limiting”"],
  ["imageMogr2/cgif/20", "CI GIF optimisation"],
  ["imageMogr2/flip/vertical", "CI flip"],
  ["imageMogr2/rcrop/300x200/gravity/center", "CI region crop"],
  ["imageMogr2/scrop/300x200", "CI “Cropping”: smart face crop"],
  ["imageMogr2/density/300", "CI density"],
  ["imageSlim", "CI imageSlim, a stage of its own"],
  ["imageMogr2/thumbnail/300x|imageSlim", "imageSlim in a pipeline"],
  ["watermark/2/text/5pWw5o2u5LiH6LGh/batch/1/spacing/20/degree/30", "CI “Text Watermark”: spacing 0–100"],
  ["watermark/2/text/5pWw5o2u5LiH6LGh/scatype/1/spcent/500", "CI “Text Watermark”: scatype/spcent"],
  ["watermark/3/type/3/text/dGVuY2VudCBjbG91ZA==", "CI “Blind Watermark” download example"],
  ["imageMogr2/AIGCMetadata/Label/bGFiZWw/ContentProducer/cHJvZHVjZXI", "CI AIGC metadata"],
  ["imageMogr2/rotate/-90", "a rotation CI documents no range for is a warning, not an error"],
];

describe("no false refusal", () => {
  it.each(FALSE_REFUSALS)("%s (%s) is no error", (rule) => {
    expect(errorsOf(rule)).toEqual([]);
  });

  it("still refuses what CI's pages say COS refuses", () => {
    expect(errorsOf("imageMogr2/quality/101")).toEqual(["quality: quality must be 0–100, got 101 (col 20)"]);
    expect(errorsOf("imageMogr2/blur/51x5")).toEqual(["blur: radius must be 1–50, got 51 (col 17)"]);
    expect(errorsOf("imageMogr2/thumbnail/50001x")).toEqual([
      "thumbnail: width must be 1–50000, got 50001 (col 22)",
    ]);
  });
});

describe("how a rule runs locally", () => {
  it("names each part that does not run exactly, where the rule says it", () => {
    const rule =
      "imageMogr2/scrop/100x100/format/tpg|imageSlim|watermark/3/type/3/text/dGVzdA|QRcode/cover/1";
    const { pipeline } = checkRule(rule);
    expect(howRuleRunsLocally(pipeline)).toEqual({
      support: "cos-only",
      notes: [
        { support: "approximation", operation: "scrop", span: { start: 11, end: 24 } },
        { support: "cos-only", operation: "format/tpg", span: { start: 25, end: 35 } },
        { support: "approximation", operation: "imageSlim", span: { start: 36, end: 45 } },
        { support: "cos-only", operation: "watermark/3", span: { start: 46, end: 76 } },
        { support: "cos-only", operation: "QRcode", span: { start: 77, end: 91 } },
      ],
    });
  });

  it("is exact for what the engine reproduces", () => {
    const { pipeline } = checkRule("imageMogr2/thumbnail/200x/format/webp|imageView2/2/w/100");
    expect(howRuleRunsLocally(pipeline)).toEqual({ support: "exact", notes: [] });
  });

  it("is an approximation when nothing is Tencent's own", () => {
    expect(howRuleRunsLocally(checkRule("imageMogr2/sharpen/70").pipeline).support).toBe("approximation");
  });
});
