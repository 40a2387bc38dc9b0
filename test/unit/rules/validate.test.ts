import { describe, expect, it } from "vitest";
import { checkRule, checkStyleNames, type Pipeline, RULE_LIMITS, validateRule } from "../../../shared/rules";

describe("validateRule", () => {
  it("writes the message in the documented shape", () => {
    const pipeline: Pipeline = {
      stages: [
        {
          kind: "imageMogr2",
          ops: [{ op: "thumbnail", geometry: { mode: "fit", width: 0 }, valueSpan: { start: 20, end: 22 } }],
        },
      ],
    };
    expect(validateRule(pipeline)).toEqual([
      {
        severity: "error",
        code: "out-of-range",
        sentence: "out-of-range",
        args: { parameter: "width", min: 1, max: 50000, got: 0 },
        message: "thumbnail: width must be 1–50000, got 0 (col 21)",
        column: 21,
        operation: "thumbnail",
        parameter: "width",
        span: { start: 20, end: 22 },
      },
    ]);
  });

  it("names no column for a tree built by hand without spans", () => {
    const pipeline: Pipeline = {
      stages: [{ kind: "imageView2", mode: 2, width: 50001, unknown: [] }],
    };
    expect(validateRule(pipeline).map((d) => d.message)).toEqual([
      "imageView2: w must be 1–50000, got 50001",
    ]);
  });

  it("refuses trees the parser could never produce", () => {
    const pipeline: Pipeline = {
      stages: [
        { kind: "imageMogr2", ops: [] },
        { kind: "imageMogr2", ops: [{ op: "crop" }] },
        { kind: "imageMogr2", ops: [{ op: "quality", quality: { kind: "floor", value: 50, force: true } }] },
        { kind: "watermark", type: 2, text: "", unknown: [] },
        { kind: "style", name: "" },
      ],
    };
    expect(validateRule(pipeline).map((d) => [d.code, d.message])).toEqual([
      ["missing-value", "imageMogr2: at least one operation is needed"],
      ["missing-value", "crop: give a width, a height or both"],
      ["invalid-value", "lquality: only an absolute quality can be forced with !"],
      ["missing-value", "watermark/2: text must not be empty"],
      ["missing-value", "style: missing style name"],
    ]);
  });
});

type RangeCase = [rule: string, code: string, message: string];

const IMAGE =
  "aHR0cDovL2V4YW1wbGVidWNrZXQtMTI1MDAwMDAwMC5jb3MuYXAtc2hhbmdoYWkubXlxY2xvdWQuY29tL3NodWl5aW5fMi5wbmc";
const W1 = `watermark/1/image/${IMAGE}`; // 117 characters: the next value starts at col 118 + name.
const W2 = "watermark/2/text/5pWw5o2u5LiH6LGh"; // 33 characters.

// One out-of-range value per rule: the message names operation, parameter, range, value and column.
const RANGE_CASES: RangeCase[] = [
  ["imageMogr2/thumbnail/!0p", "out-of-range", "thumbnail: percent must be 1–1000, got 0 (col 22)"],
  [
    "watermark/1/image/aHR0cDovL2Nkbi5leGFtcGxlLmNvbS9sb2dvLnBuZw",
    "invalid-value",
    'watermark/1: image must be the http:// COS address of a picture in this bucket, such as http://examplebucket-1250000000.cos.ap-shanghai.myqcloud.com/logo.png, got "http://cdn.example.com/logo.png" (col 19)',
  ],
  ["imageMogr2/thumbnail/0x", "out-of-range", "thumbnail: width must be 1–50000, got 0 (col 22)"],
  ["imageMogr2/thumbnail/200x50001", "out-of-range", "thumbnail: height must be 1–50000, got 50001 (col 22)"],
  ["imageMogr2/thumbnail/!0x100r", "out-of-range", "thumbnail: width must be 1–50000, got 0 (col 22)"],
  ["imageMogr2/thumbnail/100x0!", "out-of-range", "thumbnail: height must be 1–50000, got 0 (col 22)"],
  [
    "imageMogr2/thumbnail/250000001@",
    "out-of-range",
    "thumbnail: pixels must be 1–250000000, got 250000001 (col 22)",
  ],
  [
    "imageMogr2/thumbnail/200.5x",
    "not-whole-number",
    "thumbnail: width must be a whole number 1–50000, got 200.5 (col 22)",
  ],
  ["imageMogr2/crop/0x", "out-of-range", "crop: width must be 1–50000, got 0 (col 17)"],
  ["imageMogr2/rcrop/x0", "out-of-range", "rcrop: height must be 1–50000, got 0 (col 18)"],
  ["imageMogr2/cut/0x10x0x0", "out-of-range", "cut: width must be 1–50000, got 0 (col 16)"],
  ["imageMogr2/scrop/10x0", "out-of-range", "scrop: height must be 1–50000, got 0 (col 18)"],
  ["imageMogr2/iradius/0", "out-of-range", "iradius: radius must be 1–25000, got 0 (col 20)"],
  ["imageMogr2/rradius/-3", "out-of-range", "rradius: radius must be 1–25000, got -3 (col 20)"],
  ["imageMogr2/quality/101!", "out-of-range", "quality: quality must be 0–100, got 101 (col 20)"],
  ["imageMogr2/lquality/100.5", "out-of-range", "lquality: quality must be 0–100, got 100.5 (col 21)"],
  [
    "imageMogr2/quality/80.5",
    "not-whole-number",
    "quality: quality must be a whole number 0–100, got 80.5 (col 20)",
  ],
  ["imageMogr2/blur/0x5", "out-of-range", "blur: radius must be 1–50, got 0 (col 17)"],
  ["imageMogr2/blur/51x5", "out-of-range", "blur: radius must be 1–50, got 51 (col 17)"],
  ["imageMogr2/blur/5x0", "out-of-range", "blur: sigma must be greater than 0, got 0 (col 17)"],
  [
    "imageMogr2/thumbnail/200x200/pad/1/color/cmVk",
    "invalid-value",
    'color: color must be a colour #RRGGBB, got "red" (col 42)',
  ],
  ["imageMogr2/AIGCMetadata/ProduceID/eA", "syntax", "AIGCMetadata: Label is required (col 12)"],
  ["imageView2/1/w/0", "out-of-range", "imageView2: w must be 1–50000, got 0 (col 16)"],
  ["imageView2/1/w/10/h/50001", "out-of-range", "imageView2: h must be 1–50000, got 50001 (col 21)"],
  ["imageView2/1/lq/101", "out-of-range", "imageView2: lq must be 0–100, got 101 (col 17)"],
  [`${W1}/scatype/1/spcent/1001`, "out-of-range", "watermark/1: spcent must be 1–1000, got 1001 (col 136)"],
  [`${W1}/scatype/3/spcent/251`, "out-of-range", "watermark/1: spcent must be 1–250, got 251 (col 136)"],
  [`${W1}/dissolve/0`, "out-of-range", "watermark/1: dissolve must be 1–100, got 0 (col 128)"],
  [`${W1}/batch/1/degree/361`, "out-of-range", "watermark/1: degree must be 0–360, got 361 (col 134)"],
  [`${W2}/fontsize/0`, "out-of-range", "watermark/2: fontsize must be 1–1000, got 0 (col 44)"],
  [`${W2}/dissolve/101`, "out-of-range", "watermark/2: dissolve must be 1–100, got 101 (col 44)"],
  [`${W2}/batch/1/degree/361`, "out-of-range", "watermark/2: degree must be 0–360, got 361 (col 50)"],
  [`${W2}/batch/1/spacing/101`, "out-of-range", "watermark/2: spacing must be 0–100, got 101 (col 51)"],
  [`${W2}/shadow/101`, "out-of-range", "watermark/2: shadow must be 0–100, got 101 (col 42)"],
  [`${W2}/fill/cmVk`, "invalid-value", 'watermark/2: fill must be a colour #RRGGBB, got "red" (col 40)'],
  [
    "watermark/1/image/aHR0cHM6Ly9jZG4uZXhhbXBsZS5jb20vbG9nby5wbmc",
    "invalid-value",
    'watermark/1: image must be the http:// COS address of a picture in this bucket, such as http://examplebucket-1250000000.cos.ap-shanghai.myqcloud.com/logo.png, got "https://cdn.example.com/logo.png" (col 19)',
  ],
  ["watermark/3/type/3", "syntax", "watermark/3: text is required (col 1)"],
  [
    "watermark/3/type/2/image/aHR0cDovL2EuY29zLmFwLWJlaWppbmcubXlxY2xvdWQuY29tL3cucG5n/level/4",
    "out-of-range",
    "watermark/3: level must be 1–3, got 4 (col 89)",
  ],
  [
    Array.from({ length: 11 }, () => "imageMogr2/strip").join("|"),
    "out-of-range",
    "pipeline: stages must be 1–10, got 11 (col 171)",
  ],
];

// Ranges CI does not document are a guide: outside them is a warning, and the rule still goes to COS.
const UNCONFIRMED_CASES: [rule: string, message: string][] = [
  [
    "imageMogr2/thumbnail/!1001px",
    "thumbnail: percent is usually 1–1000, got 1001; Picops cannot confirm COS accepts it (col 22)",
  ],
  [
    "imageMogr2/cut/10x10x50001x0",
    "cut: dx is usually 0–50000, got 50001; Picops cannot confirm COS accepts it (col 16)",
  ],
  [
    "imageMogr2/rotate/361",
    "rotate: degrees is usually 0–360, got 361; Picops cannot confirm COS accepts it (col 19)",
  ],
  [
    "imageMogr2/rotate/-90",
    "rotate: degrees is usually 0–360, got -90; Picops cannot confirm COS accepts it (col 19)",
  ],
  [
    "imageMogr2/sharpen/9",
    "sharpen: amount is usually 10–300, got 9; Picops cannot confirm COS accepts it (col 20)",
  ],
  [
    "imageMogr2/bright/-101",
    "bright: amount is usually -100–100, got -101; Picops cannot confirm COS accepts it (col 19)",
  ],
  [
    "imageMogr2/contrast/101",
    "contrast: amount is usually -100–100, got 101; Picops cannot confirm COS accepts it (col 21)",
  ],
  [
    "imageMogr2/blur/5x101",
    "blur: sigma is usually 0–100, got 101; Picops cannot confirm COS accepts it (col 17)",
  ],
  [
    "imageMogr2/cgif/101",
    "cgif: frames is usually 1–100, got 101; Picops cannot confirm COS accepts it (col 17)",
  ],
  [
    "imageMogr2/density/1201",
    "density: dpi is usually 1–1200, got 1201; Picops cannot confirm COS accepts it (col 20)",
  ],
  [
    `${W1}/dx/50001`,
    "watermark/1: dx is usually 0–50000, got 50001; Picops cannot confirm COS accepts it (col 122)",
  ],
  [
    `${W2}/dx/-5`,
    "watermark/2: dx is usually 0–50000, got -5; Picops cannot confirm COS accepts it (col 38)",
  ],
  [
    `${W2}/fontsize/1001`,
    "watermark/2: fontsize is usually 1–1000, got 1001; Picops cannot confirm COS accepts it (col 44)",
  ],
  [
    "imageMogr2/thumbnail/20000x/format/webp",
    "thumbnail: WebP output is at most 16383 px per side; COS may refuse 20000 (col 12)",
  ],
];

describe("checkRule: ranges", () => {
  it.each(RANGE_CASES)("%s", (rule, code, message) => {
    const { diagnostics } = checkRule(rule);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: "error", code, message })]);
  });

  it.each(UNCONFIRMED_CASES)("warns about %s without refusing it", (rule, message) => {
    expect(checkRule(rule).diagnostics).toEqual([expect.objectContaining({ severity: "warning", message })]);
  });

  it("accepts every bound itself", () => {
    const rule =
      "imageMogr2/thumbnail/50000x1/thumbnail/!1000p/thumbnail/250000000@/rotate/360/rotate/0/quality/100/quality/0/blur/50x50/blur/1x0.01/sharpen/10/bright/-100/contrast/100";
    expect(checkRule(rule).diagnostics).toEqual([]);
  });

  it("reads every limit from the one table", () => {
    expect(RULE_LIMITS.thumbnail.width).toMatchObject({ min: 1, max: 50000, unit: "px", integer: true });
    expect(RULE_LIMITS.pipeline.stages.max).toBe(10);
  });
});

describe("checkRule: what COS would ignore", () => {
  it.each([
    ["imageMogr2/format/png/quality/80", "quality: COS ignores quality settings for png output (col 23)"],
    ["imageMogr2/format/svgc/quality/80", "quality: COS ignores quality settings for svgc output (col 24)"],
    [
      "imageMogr2/interlace/1/format/webp",
      "interlace: progressive output needs format/jpg; COS ignores it for webp (col 12)",
    ],
    ["imageMogr2/rradius/20/format/gif", "rradius: COS does not round GIF pictures (col 12)"],
    [
      "imageView2/0/w/100",
      "imageView2: mode 0 comes from Qiniu; Cloud Infinite documents modes 1–5 and may refuse it (col 12)",
    ],
    [
      "imageView2/2/w/100/format/avif",
      "imageView2: format must be one of jpg, bmp, gif, png, webp here, got avif; use imageMogr2/format instead (col 27)",
    ],
    [
      "imageView2/2/w/100/format/png/q/80",
      "imageView2: COS ignores quality settings for png output (col 33)",
    ],
    [`${W1}/spcent/100`, "watermark/1: spcent only applies together with scatype (col 126)"],
    [`${W2}/degree/45`, "watermark/2: degree only applies to tiled text (batch/1) (col 42)"],
  ])("%s", (rule, message) => {
    expect(checkRule(rule).diagnostics).toEqual([expect.objectContaining({ severity: "warning", message })]);
  });

  it("lists parse and range diagnostics together in reading order", () => {
    const { diagnostics } = checkRule("imageMogr2/rotate/400/thumbnail/abc|QRcode/cover/1|imageView2/1/w/0");
    expect(diagnostics.map((d) => [d.severity, d.code, d.span.start])).toEqual([
      ["warning", "out-of-range", 18],
      ["error", "syntax", 32],
      ["warning", "unknown-processor", 36],
      ["error", "out-of-range", 66],
    ]);
  });

  it.each([
    "imageMogr2/thumbnail/!50p",
    "imageMogr2/thumbnail/200x/format/png",
    "imageMogr2/format/jpg/interlace/1",
    "imageMogr2/auto-orient/thumbnail/300x300!/gravity/center/crop/200x200/strip",
    "imageView2/1/w/500/h/400/format/webp/q/85",
    `watermark/1/image/${IMAGE}/gravity/southeast/dx/10/dy/10/blogo/1/scatype/1/spcent/200/dissolve/80`,
    "imageMogr2/thumbnail/!50p|watermark/2/text/5pWw5o2u5LiH6LGh/fill/I0ZGRkZGRg==/fontsize/30/dx/20/dy/20",
    "style/thumb",
  ])("finds nothing wrong with %s", (rule) => {
    expect(checkRule(rule).diagnostics).toEqual([]);
  });
});

describe("checkStyleNames", () => {
  const check = (rule: string, styles: string[]) =>
    checkStyleNames(checkRule(rule).pipeline, "examplebucket-1250000000", styles);

  it("warns at each style/<name> the bucket does not have, naming the bucket and the style", () => {
    const found = check("style/thumb|imageMogr2/strip|style/banner", ["thumb"]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "warning",
      code: "unknown-style",
      args: { bucket: "examplebucket-1250000000", name: "banner" },
      span: { start: 29, end: 41 },
      message:
        "style: examplebucket-1250000000 has no style named banner; refresh its styles if it was just added (col 30)",
    });
  });

  it("says nothing of styles the bucket has, of rules without styles, or of a missing name (the parser's)", () => {
    expect(check("style/thumb", ["thumb", "banner"])).toEqual([]);
    expect(check("imageMogr2/thumbnail/200x", [])).toEqual([]);
    expect(check("style/", [])).toEqual([]);
  });
});
