import { describe, expect, it } from "vitest";
import { formatRule, type Mogr2Op, parseRule, type Stage } from "../../../shared/rules";
import { withoutSpans } from "./spans";

/** Parses `rule` (no diagnostics expected) and returns the tree without spans. */
function parseClean(rule: string) {
  const { pipeline, diagnostics } = parseRule(rule);
  expect(diagnostics).toEqual([]);
  return withoutSpans(pipeline);
}

type OpCase = [rule: string, op: Mogr2Op, canonical?: string];

// Every imageMogr2 operation of reference §7.1–7.3, with the canonical text when it differs.
const MOGR2_CASES: OpCase[] = [
  ["thumbnail/!50p", { op: "thumbnail", geometry: { mode: "percent", axis: "both", percent: 50 } }],
  ["thumbnail/!50px", { op: "thumbnail", geometry: { mode: "percent", axis: "width", percent: 50 } }],
  ["thumbnail/!x50p", { op: "thumbnail", geometry: { mode: "percent", axis: "height", percent: 50 } }],
  ["thumbnail/800x", { op: "thumbnail", geometry: { mode: "fit", width: 800 } }],
  ["thumbnail/x600", { op: "thumbnail", geometry: { mode: "fit", height: 600 } }],
  ["thumbnail/800x600", { op: "thumbnail", geometry: { mode: "fit", width: 800, height: 600 } }],
  [
    "thumbnail/800x600>",
    { op: "thumbnail", geometry: { mode: "fit", width: 800, height: 600, only: "shrink" } },
  ],
  [
    "thumbnail/800x600<",
    { op: "thumbnail", geometry: { mode: "fit", width: 800, height: 600, only: "enlarge" } },
  ],
  ["thumbnail/!800x600r", { op: "thumbnail", geometry: { mode: "cover", width: 800, height: 600 } }],
  ["thumbnail/300x300!", { op: "thumbnail", geometry: { mode: "force", width: 300, height: 300 } }],
  ["thumbnail/40000@", { op: "thumbnail", geometry: { mode: "area", pixels: 40000 } }],
  ["thumbnail/!12.5p", { op: "thumbnail", geometry: { mode: "percent", axis: "both", percent: 12.5 } }],
  ["crop/300x", { op: "crop", width: 300 }],
  ["crop/x200", { op: "crop", height: 200 }],
  ["crop/300x200", { op: "crop", width: 300, height: 200 }],
  ["cut/600x600x100x10", { op: "cut", width: 600, height: 600, dx: 100, dy: 10 }],
  ["scrop/100x600", { op: "scrop", width: 100, height: 600 }],
  ["iradius/200", { op: "iradius", radius: 200 }],
  ["rradius/30", { op: "rradius", radius: 30 }],
  ["rotate/90", { op: "rotate", degrees: 90 }],
  ["auto-orient", { op: "auto-orient" }],
  ["gravity/NorthWest", { op: "gravity", gravity: "northwest" }],
  ["gravity/northeast", { op: "gravity", gravity: "northeast" }, "gravity/NorthEast"],
  ["gravity/CENTER", { op: "gravity", gravity: "center" }, "gravity/Center"],
  ["gravity/southeast", { op: "gravity", gravity: "southeast" }, "gravity/SouthEast"],
  ["format/jpg", { op: "format", format: "jpg" }],
  ["format/jpeg", { op: "format", format: "jpg" }, "format/jpg"],
  ["format/png", { op: "format", format: "png" }],
  ["format/webp", { op: "format", format: "webp" }],
  ["format/avif", { op: "format", format: "avif" }],
  ["format/heif", { op: "format", format: "heif" }],
  ["format/gif", { op: "format", format: "gif" }],
  ["format/bmp", { op: "format", format: "bmp" }],
  ["format/yjpeg", { op: "format", format: "yjpeg" }],
  ["format/tpg", { op: "format", format: "tpg" }],
  ["quality/80", { op: "quality", quality: { kind: "absolute", value: 80, force: false } }],
  ["quality/80!", { op: "quality", quality: { kind: "absolute", value: 80, force: true } }],
  ["rquality/80", { op: "quality", quality: { kind: "relative", value: 80, force: false } }],
  ["lquality/60", { op: "quality", quality: { kind: "floor", value: 60, force: false } }],
  ["blur/8x5", { op: "blur", radius: 8, sigma: 5 }],
  ["sharpen/70", { op: "sharpen", amount: 70 }],
  ["bright/-20", { op: "bright", amount: -20 }],
  ["contrast/30", { op: "contrast", amount: 30 }],
  ["grayscale/1", { op: "grayscale", enabled: true }],
  ["grayscale/0", { op: "grayscale", enabled: false }],
  ["strip", { op: "strip" }],
  ["interlace/1", { op: "interlace", enabled: true }],
  ["interlace/0", { op: "interlace", enabled: false }],
  ["ignore-error/1", { op: "ignore-error" }],
  ["rotate/007", { op: "rotate", degrees: 7 }, "rotate/7"],
  ["blur/1.50x2", { op: "blur", radius: 1.5, sigma: 2 }, "blur/1.5x2"],
  ["blur/8x0.5", { op: "blur", radius: 8, sigma: 0.5 }],
  ["format/svgc", { op: "format", format: "svgc" }],
  ["quality/0", { op: "quality", quality: { kind: "absolute", value: 0, force: false } }],
  ["rcrop/300x200", { op: "rcrop", width: 300, height: 200 }],
  ["rcrop/300x", { op: "rcrop", width: 300 }],
  ["dx/10", { op: "dx", pixels: 10 }],
  ["dy/-10", { op: "dy", pixels: -10 }],
  ["pad/1", { op: "pad", enabled: true }],
  ["color/IzNEM0QzRA", { op: "color", color: "#3D3D3D" }],
  ["color/I0ZGRkZGRg==", { op: "color", color: "#FFFFFF" }, "color/I0ZGRkZGRg"],
  ["minsize/1", { op: "minsize", enabled: true }],
  ["flip/vertical", { op: "flip", direction: "vertical" }],
  ["flip/horizontal", { op: "flip", direction: "horizontal" }],
  ["size-limit/15k!", { op: "size-limit", amount: 15, unit: "k", keepSmaller: true }],
  ["size-limit/2m", { op: "size-limit", amount: 2, unit: "m", keepSmaller: false }],
  ["size-limit/100K", { op: "size-limit", amount: 100, unit: "k", keepSmaller: false }, "size-limit/100k"],
  ["cgif/20", { op: "cgif", frames: 20 }],
  ["density/300", { op: "density", dpi: 300 }],
  [
    "AIGCMetadata/Label/bGFiZWw/ContentProducer/cHJvZHVjZXI",
    {
      op: "AIGCMetadata",
      fields: [
        { name: "Label", value: "bGFiZWw" },
        { name: "ContentProducer", value: "cHJvZHVjZXI" },
      ],
    },
  ],
];

describe("imageMogr2 operations", () => {
  it.each(MOGR2_CASES)("%s", (text, op, canonical = text) => {
    const rule = `imageMogr2/${text}`;
    const tree = parseClean(rule);
    expect(tree.stages).toEqual([{ kind: "imageMogr2", ops: [op] }]);
    expect(formatRule(tree)).toBe(`imageMogr2/${canonical}`);
  });

  it("chains operations in order (reference §7)", () => {
    const rule = "imageMogr2/thumbnail/200x/rotate/90/format/webp";
    expect(parseClean(rule).stages).toEqual([
      {
        kind: "imageMogr2",
        ops: [
          { op: "thumbnail", geometry: { mode: "fit", width: 200 } },
          { op: "rotate", degrees: 90 },
          { op: "format", format: "webp" },
        ],
      },
    ]);
    expect(formatRule(parseRule(rule).pipeline)).toBe(rule);
  });

  it("gives every operation a span and its value a span", () => {
    const { pipeline } = parseRule("imageMogr2/strip/thumbnail/200x");
    const stage = pipeline.stages[0];
    expect(stage?.span).toEqual({ start: 0, end: 31 });
    if (stage?.kind !== "imageMogr2") throw new Error("expected imageMogr2");
    expect(stage.ops.map((op) => [op.span, op.valueSpan])).toEqual([
      [{ start: 11, end: 16 }, undefined],
      [
        { start: 17, end: 31 },
        { start: 27, end: 31 },
      ],
    ]);
  });
});

type StageCase = [rule: string, stage: Stage, canonical?: string];

const MARK_URL = "http://examplebucket-1250000000.cos.ap-shanghai.myqcloud.com/shuiyin_2.png";
const MARK_B64 =
  "aHR0cDovL2V4YW1wbGVidWNrZXQtMTI1MDAwMDAwMC5jb3MuYXAtc2hhbmdoYWkubXlxY2xvdWQuY29tL3NodWl5aW5fMi5wbmc";

const STAGE_CASES: StageCase[] = [
  ["imageView2/1/w/200/h/200", { kind: "imageView2", mode: 1, width: 200, height: 200, unknown: [] }],
  ["imageView2/2/w/500", { kind: "imageView2", mode: 2, width: 500, unknown: [] }],
  [
    "imageView2/3/h/400/w/500/format/JPEG/q/85!/ignore-error/1",
    {
      kind: "imageView2",
      mode: 3,
      width: 500,
      height: 400,
      format: "jpg",
      quality: { kind: "absolute", value: 85, force: true },
      ignoreError: true,
      unknown: [],
    },
    "imageView2/3/w/500/h/400/format/jpg/q/85!/ignore-error/1",
  ],
  [
    "imageView2/4/w/300/rq/60",
    {
      kind: "imageView2",
      mode: 4,
      width: 300,
      quality: { kind: "relative", value: 60, force: false },
      unknown: [],
    },
  ],
  [
    "imageView2/5/w/300/h/300/lq/70",
    {
      kind: "imageView2",
      mode: 5,
      width: 300,
      height: 300,
      quality: { kind: "floor", value: 70, force: false },
      unknown: [],
    },
  ],
  ["imageView2/0/w/100", { kind: "imageView2", mode: 0, width: 100, unknown: [] }],
  [
    `watermark/1/image/${MARK_B64}/gravity/southeast/dx/10/dy/10/blogo/1/scatype/1/spcent/200/dissolve/80`,
    {
      kind: "watermark",
      type: 1,
      imageUrl: MARK_URL,
      gravity: "southeast",
      dx: 10,
      dy: 10,
      blogo: 1,
      scatype: 1,
      spcent: 200,
      dissolve: 80,
      unknown: [],
    },
    `watermark/1/image/${MARK_B64}/gravity/SouthEast/dx/10/dy/10/blogo/1/scatype/1/spcent/200/dissolve/80`,
  ],
  [
    "watermark/2/text/6IW-6K6v5LqRwrfkuIfosaHkvJjlm74/font/dGFob21hLnR0Zg/fontsize/13/fill/IzNEM0QzRA/dissolve/90/gravity/SouthEast/dx/0/dy/0/batch/1/degree/45/shadow/50",
    {
      kind: "watermark",
      type: 2,
      text: "腾讯云·万象优图",
      font: "tahoma.ttf",
      fontsize: 13,
      fill: "#3D3D3D",
      dissolve: 90,
      gravity: "southeast",
      dx: 0,
      dy: 0,
      batch: true,
      degree: 45,
      shadow: 50,
      unknown: [],
    },
  ],
  [
    // Standard alphabet with `/` and `+`, and padding: read, then written URL-safe.
    "watermark/2/text/6IW+6K6v5LqRwrfkuIfosaHkvJjlm74=/fill/I0ZGRkZGRg==/batch/0",
    { kind: "watermark", type: 2, text: "腾讯云·万象优图", fill: "#FFFFFF", batch: false, unknown: [] },
    "watermark/2/text/6IW-6K6v5LqRwrfkuIfosaHkvJjlm74/fill/I0ZGRkZGRg/batch/0",
  ],
  [
    "watermark/2/text/Pz8_/fontsize/20",
    { kind: "watermark", type: 2, text: "???", fontsize: 20, unknown: [] },
  ],
  ["style/thumb-200", { kind: "style", name: "thumb-200" }],
  [
    // Image Watermark example 2: tiled, rotated, 40% opaque, with a trailing `/`.
    "watermark/1/image/aHR0cDovL2V4YW1wbGVzLTEyNTEwMDAwMDQucGljc2gubXlxY2xvdWQuY29tL3NodWl5aW4uanBn/gravity/southeast/batch/1/degree/45/dissolve/40/",
    {
      kind: "watermark",
      type: 1,
      imageUrl: "http://examples-1251000004.picsh.myqcloud.com/shuiyin.jpg",
      gravity: "southeast",
      batch: true,
      degree: 45,
      dissolve: 40,
      unknown: [],
    },
    "watermark/1/image/aHR0cDovL2V4YW1wbGVzLTEyNTEwMDAwMDQucGljc2gubXlxY2xvdWQuY29tL3NodWl5aW4uanBn/gravity/SouthEast/dissolve/40/batch/1/degree/45",
  ],
  [
    "watermark/1/image_key/bG9nby5wbmc/spacing/20",
    { kind: "watermark", type: 1, imageKey: "logo.png", spacing: 20, unknown: [] },
  ],
  [
    "watermark/2/text/5pWw5o2u5LiH6LGh/batch/1/spacing/10/scatype/1/spcent/100",
    {
      kind: "watermark",
      type: 2,
      text: "数据万象",
      batch: true,
      spacing: 10,
      scatype: 1,
      spcent: 100,
      unknown: [],
    },
  ],
  [
    "watermark/3/type/3/text/dGVuY2VudCBjbG91ZA==",
    { kind: "blindWatermark", type: 3, mode: 3, text: "tencent cloud", unknown: [] },
    "watermark/3/type/3/text/dGVuY2VudCBjbG91ZA",
  ],
  [
    "watermark/4/type/2/image/aHR0cDovL2EuY29zLmFwLWJlaWppbmcubXlxY2xvdWQuY29tL3cucG5n/level/2",
    {
      kind: "blindWatermark",
      type: 4,
      mode: 2,
      imageUrl: "http://a.cos.ap-beijing.myqcloud.com/w.png",
      level: 2,
      unknown: [],
    },
  ],
  ["imageSlim", { kind: "imageSlim" }],
  ["imageSlim/", { kind: "imageSlim" }, "imageSlim"],
];

describe("imageView2, watermark and style stages", () => {
  it.each(STAGE_CASES)("%s", (rule, stage, canonical = rule) => {
    const tree = parseClean(rule);
    expect(tree.stages).toEqual([stage]);
    expect(formatRule(tree)).toBe(canonical);
  });

  it("reads a standard-alphabet value whose `/` splits it into several words", () => {
    // 行政水印 is 6KGM5pS/5rC05Y2w and 长城 is 6ZW/5Z+O in the standard alphabet.
    const tree = parseClean("watermark/2/text/6KGM5pS/5rC05Y2w/font/6ZW/5Z+O/fontsize/20");
    expect(tree.stages).toEqual([
      { kind: "watermark", type: 2, text: "行政水印", font: "长城", fontsize: 20, unknown: [] },
    ]);
    expect(formatRule(tree)).toBe("watermark/2/text/6KGM5pS_5rC05Y2w/font/6ZW_5Z-O/fontsize/20");
  });

  it("records where each parameter's value sits", () => {
    const { pipeline } = parseRule("imageView2/1/w/200/h/300");
    const stage = pipeline.stages[0];
    if (stage?.kind !== "imageView2") throw new Error("expected imageView2");
    expect(stage.paramSpans).toEqual({
      mode: { start: 11, end: 12 },
      w: { start: 15, end: 18 },
      h: { start: 21, end: 24 },
    });
  });
});

describe("pipelines", () => {
  it("parses the reference's pipeline example and writes it canonically", () => {
    const rule =
      "imageMogr2/thumbnail/!50p|watermark/2/text/5pWw5o2u5LiH6LGh/fill/I0ZGRkZGRg==/fontsize/30/dx/20/dy/20";
    const { pipeline, diagnostics } = parseRule(rule);
    expect(diagnostics).toEqual([]);
    expect(withoutSpans(pipeline).stages).toEqual([
      {
        kind: "imageMogr2",
        ops: [{ op: "thumbnail", geometry: { mode: "percent", axis: "both", percent: 50 } }],
      },
      {
        kind: "watermark",
        type: 2,
        text: "数据万象",
        fill: "#FFFFFF",
        fontsize: 30,
        dx: 20,
        dy: 20,
        unknown: [],
      },
    ]);
    expect(pipeline.stages.map((stage) => stage.span)).toEqual([
      { start: 0, end: 25 },
      { start: 26, end: rule.length },
    ]);
    expect(formatRule(pipeline)).toBe(
      "imageMogr2/thumbnail/!50p|watermark/2/text/5pWw5o2u5LiH6LGh/fontsize/30/fill/I0ZGRkZGRg/dx/20/dy/20",
    );
  });
});

describe("what this version does not know is kept as written", () => {
  it.each([
    ["imageMogr2/tile/15/thumbnail/200x", "unknown-operation", "tile"],
    ["QRcode/cover/1", "unknown-processor", "QRcode"],
    ["imageAve|imageMogr2/strip", "unknown-processor", "imageAve"],
    ["watermark/5/type/1/image/abc", "unknown-operation", "watermark"],
    ["imageSlim/zlevel/3", "unknown-parameter", "imageSlim"],
    ["imageView2/1/w/200/minsize/1", "unknown-parameter", "imageView2"],
    ["watermark/2/text/5pWw5o2u5LiH6LGh/stroke/2", "unknown-parameter", "watermark/2"],
  ])("%s", (rule, code, operation) => {
    const { pipeline, diagnostics } = parseRule(rule);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: "warning", code, operation })]);
    expect(formatRule(pipeline)).toBe(rule);
  });

  it("types an unknown imageMogr2 operation with the arguments up to the next known name", () => {
    const tree = withoutSpans(parseRule("imageMogr2/tile/15/thumbnail/200x").pipeline);
    expect(tree.stages).toEqual([
      {
        kind: "imageMogr2",
        ops: [
          { op: "unknown", name: "tile", args: ["15"] },
          { op: "thumbnail", geometry: { mode: "fit", width: 200 } },
        ],
      },
    ]);
  });

  it("types an unknown processor as an opaque stage", () => {
    expect(withoutSpans(parseRule("imageAve|style/a").pipeline).stages).toEqual([
      { kind: "opaque", text: "imageAve" },
      { kind: "style", name: "a" },
    ]);
  });

  it("keeps unknown parameters in order after the known ones", () => {
    const { pipeline } = parseRule("imageView2/2/zz/1/w/100/aa/2");
    expect(withoutSpans(pipeline).stages).toEqual([
      {
        kind: "imageView2",
        mode: 2,
        width: 100,
        unknown: [
          { name: "zz", value: "1" },
          { name: "aa", value: "2" },
        ],
      },
    ]);
    expect(formatRule(pipeline)).toBe("imageView2/2/w/100/zz/1/aa/2");
  });
});
