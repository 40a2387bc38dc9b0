import { describe, expect, it } from "vitest";
import {
  checkRule,
  decodePicOperations,
  formatRule,
  type Pipeline,
  parseRule,
  validateRule,
} from "../../../shared/rules";
import { withoutSpans } from "./spans";

/** `imageView2` without a mode only converts: the Go SDK's own example rule (reference §5.1, §9). */
describe("imageView2 without a mode", () => {
  it.each([
    ["imageView2/format/png", { kind: "imageView2", format: "png", unknown: [] }],
    [
      "imageView2/q/80",
      { kind: "imageView2", quality: { kind: "absolute", value: 80, force: false }, unknown: [] },
    ],
    [
      "imageView2/format/webp/rq/60/ignore-error/1",
      {
        kind: "imageView2",
        format: "webp",
        quality: { kind: "relative", value: 60, force: false },
        ignoreError: true,
        unknown: [],
      },
    ],
  ])("%s is a typed stage COS accepts, and formats back as written", (rule, stage) => {
    const { pipeline, diagnostics } = checkRule(rule);
    expect(diagnostics).toEqual([]);
    expect(withoutSpans(pipeline).stages).toEqual([stage]);
    expect(pipeline.stages[0]).not.toHaveProperty("mode");
    expect(formatRule(pipeline)).toBe(rule);
  });

  it("accepts the Go SDK's Pic-Operations example as it arrives in a header", () => {
    const { ops, problems } = decodePicOperations(
      '{"is_pic_info":1,"rules":[{"fileid":"example.jpg","rule":"imageView2/format/png"}]}',
    );
    expect(problems).toEqual([]);
    expect(ops?.rules[0]?.rule).toBe("imageView2/format/png");
  });

  it("refuses w without a mode, naming the missing mode at w's column", () => {
    const { diagnostics } = checkRule("imageView2/w/200/format/png");
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "missing-value",
        operation: "imageView2",
        parameter: "mode",
        args: { parameter: "w", min: 1, max: 5 },
        message: "imageView2: w needs a mode: write a mode 1–5 right after imageView2 (col 14)",
        span: { start: 13, end: 16 },
      }),
    ]);
  });

  it("refuses w and h each, in reading order", () => {
    const { diagnostics } = checkRule("imageView2/format/png/h/100/w/50");
    expect(diagnostics.map((d) => d.message)).toEqual([
      "imageView2: h needs a mode: write a mode 1–5 right after imageView2 (col 25)",
      "imageView2: w needs a mode: write a mode 1–5 right after imageView2 (col 31)",
    ]);
  });

  it("refuses a hand-built stage with a bound but no mode, without a column", () => {
    const pipeline: Pipeline = { stages: [{ kind: "imageView2", height: 300, unknown: [] }] };
    expect(validateRule(pipeline).map((d) => [d.code, d.message])).toEqual([
      ["missing-value", "imageView2: h needs a mode: write a mode 1–5 right after imageView2"],
    ]);
  });

  it.each([
    ["imageView2", 11],
    ["imageView2/ignore-error/1", 26],
  ])("%s has nothing to do: a typed stage with one error after it", (rule, column) => {
    const { pipeline, diagnostics } = checkRule(rule);
    expect(pipeline.stages[0]?.kind).toBe("imageView2");
    expect(diagnostics.map((d) => [d.severity, d.code, d.message])).toEqual([
      [
        "error",
        "missing-value",
        `imageView2: nothing to do: give a mode 1–5 (imageView2/2/w/200), a format or a quality (imageView2/format/png) (col ${column})`,
      ],
    ]);
    expect(formatRule(pipeline)).toBe(rule);
  });

  it("still reads a first word of digits as the mode", () => {
    expect(withoutSpans(parseRule("imageView2/2/format/png").pipeline).stages).toEqual([
      { kind: "imageView2", mode: 2, format: "png", unknown: [] },
    ]);
    const outOfRange = parseRule("imageView2/7/format/png");
    expect(outOfRange.pipeline.stages[0]?.kind).toBe("opaque");
    expect(outOfRange.diagnostics.map((d) => d.message)).toEqual([
      "imageView2: mode must be 1–5, got 7 (col 12)",
    ]);
  });

  it("reads any other first word as a parameter", () => {
    const { pipeline, diagnostics } = parseRule("imageView2/minsize/1/format/png");
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([["warning", "unknown-parameter"]]);
    expect(formatRule(pipeline)).toBe("imageView2/format/png/minsize/1");
  });
});

describe("thumbnail fit without a side", () => {
  it("is refused with a message that says what to give, at the operation's column", () => {
    const pipeline: Pipeline = {
      stages: [
        {
          kind: "imageMogr2",
          span: { start: 0, end: 31 },
          ops: [
            { op: "rotate", degrees: 90, span: { start: 11, end: 20 }, valueSpan: { start: 18, end: 20 } },
            { op: "thumbnail", geometry: { mode: "fit", only: "shrink" }, span: { start: 21, end: 31 } },
          ],
        },
      ],
    };
    expect(validateRule(pipeline)).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "missing-value",
        operation: "thumbnail",
        message: "thumbnail: a fit needs a width, a height or both, such as 200x, x200 or 200x300 (col 22)",
        span: { start: 21, end: 31 },
      }),
    ]);
  });

  it("falls back to the stage's column when the operation has no span", () => {
    const pipeline: Pipeline = {
      stages: [
        {
          kind: "imageMogr2",
          span: { start: 8, end: 30 },
          ops: [{ op: "thumbnail", geometry: { mode: "fit" } }],
        },
      ],
    };
    expect(validateRule(pipeline).map((d) => d.message)).toEqual([
      "thumbnail: a fit needs a width, a height or both, such as 200x, x200 or 200x300 (col 9)",
    ]);
  });

  it("is refused in a tree built by hand without spans", () => {
    const pipeline: Pipeline = {
      stages: [{ kind: "imageMogr2", ops: [{ op: "thumbnail", geometry: { mode: "fit" } }] }],
    };
    expect(validateRule(pipeline).map((d) => [d.severity, d.code, d.message])).toEqual([
      [
        "error",
        "missing-value",
        "thumbnail: a fit needs a width, a height or both, such as 200x, x200 or 200x300",
      ],
    ]);
  });

  it("still checks the side that is given", () => {
    const pipeline: Pipeline = {
      stages: [{ kind: "imageMogr2", ops: [{ op: "thumbnail", geometry: { mode: "fit", height: 0 } }] }],
    };
    expect(validateRule(pipeline).map((d) => d.message)).toEqual([
      "thumbnail: height must be 1–50000, got 0",
    ]);
  });
});
