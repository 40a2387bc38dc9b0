import { describe, expect, it } from "vitest";
import { formatRule, parseRule } from "../../../shared/rules";

const GEOMETRY = "a geometry such as 200x, x200, 200x300, 200x300>, !50p, !200x300r, 200x300! or 40000@";

type SyntaxCase = [rule: string, message: string, span: [number, number], canonical?: string];

// Each rule holds one syntax error; the message names the operation and the column (start + 1).
const CASES: SyntaxCase[] = [
  ["imageMogr2/thumbnail/abc", `thumbnail: expected ${GEOMETRY}, got "abc" (col 22)`, [21, 24]],
  ["imageMogr2/thumbnail", `thumbnail: missing value, expected ${GEOMETRY} (col 21)`, [20, 20]],
  ["imageMogr2/thumbnail/rotate/90", `thumbnail: missing value, expected ${GEOMETRY} (col 21)`, [20, 20]],
  ["imageMogr2/thumbnail/x", `thumbnail: expected ${GEOMETRY}, got "x" (col 22)`, [21, 22]],
  [
    `imageMogr2/thumbnail/${"9".repeat(400)}x`,
    `thumbnail: expected ${GEOMETRY}, got "${"9".repeat(400)}x" (col 22)`,
    [21, 422],
  ],
  ["imageMogr2/crop/x", 'crop: expected a size such as 200x, x200 or 200x300, got "x" (col 17)', [16, 17]],
  [
    "imageMogr2/cut/10x10x10",
    'cut: expected <width>x<height>x<dx>x<dy> such as 200x200x10x10, got "10x10x10" (col 16)',
    [15, 23],
  ],
  ["imageMogr2/scrop/100", 'scrop: expected a size such as 200x300, got "100" (col 18)', [17, 20]],
  [
    "imageMogr2/rotate/ninety",
    'rotate: expected an angle in degrees such as 90, got "ninety" (col 19)',
    [18, 24],
  ],
  [
    "imageMogr2/gravity/middle",
    'gravity: expected one of NorthWest, North, NorthEast, West, Center, East, SouthWest, South, SouthEast, got "middle" (col 20)',
    [19, 25],
  ],
  [
    "imageMogr2/format/tiff",
    'format: expected one of jpg, png, webp, avif, heif, gif, bmp, yjpeg, tpg, svgc, got "tiff" (col 19)',
    [18, 22],
  ],
  ["imageMogr2/quality/80!!", 'quality: expected a quality such as 80 or 80!, got "80!!" (col 20)', [19, 23]],
  ["imageMogr2/rquality/80!", 'rquality: expected a quality such as 80, got "80!" (col 21)', [20, 23]],
  ["imageMogr2/blur/8", 'blur: expected <radius>x<sigma> such as 8x5, got "8" (col 17)', [16, 17]],
  ["imageMogr2/grayscale/2", 'grayscale: expected 0 or 1, got "2" (col 22)', [21, 22]],
  ["imageMogr2/interlace/yes", 'interlace: expected 0 or 1, got "yes" (col 22)', [21, 24]],
  ["imageMogr2/ignore-error/0", 'ignore-error: expected 1, got "0" (col 25)', [24, 25]],
  ["imageMogr2/sharpen/1e3", 'sharpen: expected a number such as 50, got "1e3" (col 20)', [19, 22]],
  [
    "imageMogr2/rotate//strip",
    "rotate: missing value, expected an angle in degrees such as 90 (col 19)",
    [18, 18],
  ],
  [
    "imageView2/1/w//h/1",
    "imageView2: missing value for w, expected a number of pixels such as 200 (col 16)",
    [15, 15],
    "imageView2/1/h/1/w/",
  ],
  [
    // One `/` at the end says nothing (CI's demos write it); two are a stray one.
    "imageMogr2/rotate/90//",
    "imageMogr2: empty operation (a stray /) (col 22)",
    [21, 21],
    "imageMogr2/rotate/90",
  ],
  [
    "imageMogr2/rotate/90||imageMogr2/strip",
    "pipeline: empty stage (a stray |) (col 22)",
    [21, 21],
    "imageMogr2/rotate/90|imageMogr2/strip",
  ],
  ["|style/a", "pipeline: empty stage (a stray |) (col 1)", [0, 0], "style/a"],
  ["", "rule: the rule is empty (col 1)", [0, 0]],
  ["imageView2/9/w/200", "imageView2: mode must be 1–5, got 9 (col 12)", [11, 12]],
  [
    "imageView2/1/w/abc",
    'imageView2: w expects a number of pixels such as 200, got "abc" (col 16)',
    [15, 18],
  ],
  ["imageView2/1/w", "imageView2: missing value for w (col 15)", [14, 14], "imageView2/1/w/"],
  [
    "imageView2/1/format/tiff",
    'imageView2: format expects one of jpg, bmp, gif, png, webp, got "tiff" (col 21)',
    [20, 24],
  ],
  ["imageView2/1/rq/80!", 'imageView2: rq expects a quality such as 80, got "80!" (col 17)', [16, 19]],
  ["imageView2/1//200", "imageView2: empty parameter name (col 14)", [13, 13]],
  ["imageView2/1/w/200//", "imageView2: a stray / at the end (col 20)", [19, 19], "imageView2/1/w/200"],
  ["watermark", "watermark: missing type: 1 (image) or 2 (text) must follow watermark (col 10)", [9, 9]],
  ["watermark/2/fontsize/20", "watermark/2: text is required (col 11)", [10, 11]],
  [
    "watermark/2/text/@@@",
    'watermark/2: text expects URL-safe Base64 of the text, such as 5pWw5o2u5LiH6LGh, got "@@@" (col 18)',
    [17, 20],
  ],
  [
    "watermark/2/text/5pWw5o2u5LiH6LGh/fill/_w",
    'watermark/2: fill expects URL-safe Base64 of a colour, such as IzNEM0QzRA (#3D3D3D), got "_w" (col 40)',
    [39, 41],
  ],
  [
    "watermark/2/text/5pWw5o2u5LiH6LGh/batch/2",
    'watermark/2: batch expects 0 or 1, got "2" (col 41)',
    [40, 41],
  ],
  ["watermark/1/dx/10", "watermark/1: image is required (col 11)", [10, 11]],
  [
    "watermark/1/image/aGk/blogo/3",
    'watermark/1: blogo expects 1 (scale to fit) or 2 (crop), got "3" (col 29)',
    [28, 29],
  ],
  [
    "watermark/1/image/aGk/scatype/0",
    'watermark/1: scatype expects 1 (width), 2 (height) or 3 (area), got "0" (col 31)',
    [30, 31],
  ],
  ["style", "style: missing style name (col 6)", [5, 5]],
  ["style/", "style: missing style name (col 7)", [6, 6]],
];

describe("syntax errors", () => {
  it.each(CASES)("%s", (rule, message, [start, end], canonical = rule) => {
    const { pipeline, diagnostics } = parseRule(rule);
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
    expect(errors).toEqual([
      expect.objectContaining({ code: expect.any(String), message, span: { start, end } }),
    ]);
    expect(errors[0]?.code).toBe(message.includes("must be") ? "out-of-range" : "syntax");
    // What the designer typed survives: formatting gives it back (bar stray separators).
    expect(formatRule(pipeline)).toBe(canonical);
  });

  it("keeps reading after an error", () => {
    const { pipeline, diagnostics } = parseRule("imageMogr2/thumbnail/abc/rotate/90|imageView2/2/w/100");
    expect(diagnostics).toHaveLength(1);
    const [mogr2, view2] = pipeline.stages;
    expect(mogr2?.kind === "imageMogr2" && mogr2.ops.map((op) => op.op)).toEqual(["unknown", "rotate"]);
    expect(view2).toMatchObject({ kind: "imageView2", mode: 2, width: 100 });
  });

  it("keeps an unreadable watermark as an opaque stage", () => {
    const { pipeline } = parseRule("watermark/2/fontsize/20|imageMogr2/strip");
    expect(pipeline.stages[0]).toEqual({
      kind: "opaque",
      text: "watermark/2/fontsize/20",
      span: { start: 0, end: 23 },
    });
  });

  it("reports a repeated imageView2 setting and keeps it as written", () => {
    const { pipeline, diagnostics } = parseRule("imageView2/1/q/80/rq/70");
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "duplicate-parameter",
        message: "imageView2: rq repeats an earlier setting; the first one is used (col 19)",
      }),
    ]);
    expect(pipeline.stages[0]).toMatchObject({
      quality: { kind: "absolute", value: 80, force: false },
      unknown: [{ name: "rq", value: "70" }],
    });
    expect(formatRule(pipeline)).toBe("imageView2/1/q/80/rq/70");
  });
});
