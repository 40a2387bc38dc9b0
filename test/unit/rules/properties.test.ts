import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatRule,
  type Gravity,
  type ImageView2Stage,
  type Mogr2Op,
  type Pipeline,
  parseRule,
  type QualitySetting,
  type Stage,
  type ThumbnailGeometry,
} from "../../../shared/rules";
import { MOGR2_OPERATIONS } from "../../../shared/rules/vocabulary";
import { withoutSpans } from "./spans";

const MOGR2_NAMES = new Set<string>(MOGR2_OPERATIONS);
const VIEW2_NAMES = ["w", "h", "format", "q", "rq", "lq", "ignore-error"];
const WATERMARK_NAMES = ["image", "text", "font", "fontsize", "fill", "dissolve", "gravity", "dx", "dy"];
const MORE_WATERMARK_NAMES = [
  "blogo",
  "scatype",
  "spcent",
  "batch",
  "degree",
  "shadow",
  "spacing",
  "image_key",
];
const BLIND_NAMES = ["type", "image", "text", "level"];
const PROCESSORS = ["imageMogr2", "imageView2", "watermark", "style", "imageSlim"];
const GRAVITIES: Gravity[] = [
  "northwest",
  "north",
  "northeast",
  "west",
  "center",
  "east",
  "southwest",
  "south",
  "southeast",
];
const FORMATS = ["jpg", "png", "webp", "avif", "heif", "gif", "bmp", "yjpeg", "tpg", "svgc"] as const;
const AIGC_FIELDS = [
  "Label",
  "ContentProducer",
  "ProduceID",
  "ReservedCode1",
  "ReservedCode2",
  "PropagateID",
  "ContentPropagator",
] as const;

/** -0 prints as 0, so no rule text can hold it. */
const notNegativeZero = (n: number) => !Object.is(n, -0);
const unsigned = fc.oneof(
  fc.nat({ max: 100_000 }),
  fc.double({ min: 0, max: 1e7, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: 1e20, max: 1e300, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: 0, max: 1e-6, noNaN: true, noDefaultInfinity: true }),
);
const signed = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const signedNumber = signed.filter(notNegativeZero);
const unsignedNumber = unsigned.filter(notNegativeZero);

/** A word without separators. */
const word = fc.stringMatching(/^[A-Za-z0-9!@<>._~=+-]*$/);
const text = fc.string({ unit: "binary", minLength: 1 });
/** A value is never empty: one `/` ending a stage says nothing, so `name/` at the end has no value. */
const unknownParam = (known: string[]) =>
  fc.record({
    name: word.filter((w) => w !== "" && !known.includes(w)),
    value: word.filter((w) => w !== ""),
  });

const geometry: fc.Arbitrary<ThumbnailGeometry> = fc.oneof(
  fc.record({
    mode: fc.constant("percent" as const),
    axis: fc.constantFrom("both" as const, "width" as const, "height" as const),
    percent: unsignedNumber,
  }),
  fc
    .record(
      {
        mode: fc.constant("fit" as const),
        width: unsignedNumber,
        height: unsignedNumber,
        only: fc.constantFrom("shrink" as const, "enlarge" as const),
      },
      { requiredKeys: ["mode"] },
    )
    .filter((fit) => fit.width !== undefined || fit.height !== undefined),
  fc.record({ mode: fc.constant("cover" as const), width: unsignedNumber, height: unsignedNumber }),
  fc.record({ mode: fc.constant("force" as const), width: unsignedNumber, height: unsignedNumber }),
  fc.record({ mode: fc.constant("area" as const), pixels: unsignedNumber }),
);

const quality: fc.Arbitrary<QualitySetting> = fc.oneof(
  fc.record({ kind: fc.constant("absolute" as const), value: signedNumber, force: fc.boolean() }),
  fc.record({
    kind: fc.constantFrom("relative" as const, "floor" as const),
    value: signedNumber,
    force: fc.constant(false),
  }),
);

const mogr2Op: fc.Arbitrary<Mogr2Op> = fc.oneof(
  fc.record({ op: fc.constant("thumbnail" as const), geometry }),
  fc
    .record(
      { op: fc.constant("crop" as const), width: unsignedNumber, height: unsignedNumber },
      { requiredKeys: ["op"] },
    )
    .filter((crop) => crop.width !== undefined || crop.height !== undefined),
  fc.record({
    op: fc.constant("cut" as const),
    width: unsignedNumber,
    height: unsignedNumber,
    dx: unsignedNumber,
    dy: unsignedNumber,
  }),
  fc.record({ op: fc.constant("scrop" as const), width: unsignedNumber, height: unsignedNumber }),
  fc.record({ op: fc.constantFrom("iradius" as const, "rradius" as const), radius: signedNumber }),
  fc.record({ op: fc.constant("rotate" as const), degrees: signedNumber }),
  fc.record({ op: fc.constantFrom("auto-orient" as const, "strip" as const, "ignore-error" as const) }),
  fc.record({ op: fc.constant("gravity" as const), gravity: fc.constantFrom(...GRAVITIES) }),
  fc.record({ op: fc.constant("format" as const), format: fc.constantFrom(...FORMATS) }),
  fc.record({ op: fc.constant("quality" as const), quality }),
  fc.record({ op: fc.constant("blur" as const), radius: unsignedNumber, sigma: unsignedNumber }),
  fc.record({
    op: fc.constantFrom("sharpen" as const, "bright" as const, "contrast" as const),
    amount: signedNumber,
  }),
  fc.record({
    op: fc.constantFrom("grayscale" as const, "interlace" as const, "pad" as const, "minsize" as const),
    enabled: fc.boolean(),
  }),
  fc
    .record(
      { op: fc.constant("rcrop" as const), width: unsignedNumber, height: unsignedNumber },
      { requiredKeys: ["op"] },
    )
    .filter((crop) => crop.width !== undefined || crop.height !== undefined),
  fc.record({ op: fc.constantFrom("dx" as const, "dy" as const), pixels: signedNumber }),
  fc.record({ op: fc.constant("color" as const), color: text }),
  fc.record({
    op: fc.constant("flip" as const),
    direction: fc.constantFrom("vertical" as const, "horizontal" as const),
  }),
  fc.record({
    op: fc.constant("size-limit" as const),
    amount: unsignedNumber,
    unit: fc.constantFrom("k" as const, "m" as const),
    keepSmaller: fc.boolean(),
  }),
  fc.record({ op: fc.constant("cgif" as const), frames: unsignedNumber }),
  fc.record({ op: fc.constant("density" as const), dpi: unsignedNumber }),
  fc.record({
    op: fc.constant("AIGCMetadata" as const),
    fields: fc.array(
      fc.record({ name: fc.constantFrom(...AIGC_FIELDS), value: word.filter((w) => w !== "") }),
      { maxLength: 3 },
    ),
  }),
  fc.record({
    op: fc.constant("unknown" as const),
    name: word.filter((w) => w !== "" && !MOGR2_NAMES.has(w)),
    args: fc.array(
      word.filter((w) => w !== "" && !MOGR2_NAMES.has(w)),
      { maxLength: 3 },
    ),
  }),
);

/** Two unknown operations in a row read back as one: its arguments run to the next known name. */
function withoutAdjacentUnknowns(ops: Mogr2Op[]): Mogr2Op[] {
  return ops.filter((op, index) => !(op.op === "unknown" && ops[index - 1]?.op === "unknown"));
}

/** Without a mode, an unknown parameter written first must not look like a mode (digits). */
function readsBackWithoutMode(stage: ImageView2Stage): boolean {
  if (stage.mode !== undefined) return true;
  const known = [stage.width, stage.height, stage.format, stage.quality, stage.ignoreError];
  if (known.some((value) => value !== undefined)) return true;
  const first = stage.unknown[0];
  return first === undefined || !/^\d+$/.test(first.name);
}

const stage: fc.Arbitrary<Stage> = fc.oneof(
  fc.record({
    kind: fc.constant("imageMogr2" as const),
    ops: fc.array(mogr2Op, { minLength: 1, maxLength: 6 }).map(withoutAdjacentUnknowns),
  }),
  fc
    .record(
      {
        kind: fc.constant("imageView2" as const),
        mode: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const, 4 as const, 5 as const),
        width: signedNumber,
        height: signedNumber,
        format: fc.constantFrom(...FORMATS),
        quality,
        ignoreError: fc.boolean(),
        unknown: fc.array(unknownParam(VIEW2_NAMES), { maxLength: 2 }),
      },
      { requiredKeys: ["kind", "unknown"] },
    )
    .filter(readsBackWithoutMode),
  fc.record(
    {
      kind: fc.constant("watermark" as const),
      type: fc.constant(1 as const),
      imageUrl: text,
      imageKey: text,
      gravity: fc.constantFrom(...GRAVITIES),
      dx: signedNumber,
      dy: signedNumber,
      blogo: fc.constantFrom(1 as const, 2 as const),
      scatype: fc.constantFrom(1 as const, 2 as const, 3 as const),
      spcent: signedNumber,
      dissolve: signedNumber,
      batch: fc.boolean(),
      degree: signedNumber,
      spacing: signedNumber,
      unknown: fc.array(unknownParam([...WATERMARK_NAMES, ...MORE_WATERMARK_NAMES]), { maxLength: 2 }),
    },
    { requiredKeys: ["kind", "type", "imageUrl", "unknown"] },
  ),
  fc.record(
    {
      kind: fc.constant("watermark" as const),
      type: fc.constant(2 as const),
      text,
      font: text,
      fontsize: signedNumber,
      fill: text,
      dissolve: signedNumber,
      gravity: fc.constantFrom(...GRAVITIES),
      dx: signedNumber,
      dy: signedNumber,
      batch: fc.boolean(),
      degree: signedNumber,
      spacing: signedNumber,
      shadow: signedNumber,
      scatype: fc.constantFrom(1 as const, 2 as const, 3 as const),
      spcent: signedNumber,
      unknown: fc.array(unknownParam([...WATERMARK_NAMES, ...MORE_WATERMARK_NAMES]), { maxLength: 2 }),
    },
    { requiredKeys: ["kind", "type", "text", "unknown"] },
  ),
  fc.record(
    {
      kind: fc.constant("blindWatermark" as const),
      type: fc.constantFrom(3 as const, 4 as const),
      mode: fc.constantFrom(1 as const, 2 as const, 3 as const),
      imageUrl: text,
      text,
      level: signedNumber,
      unknown: fc.array(unknownParam(BLIND_NAMES), { maxLength: 2 }),
    },
    { requiredKeys: ["kind", "type", "unknown"] },
  ),
  fc.record({ kind: fc.constant("imageSlim" as const) }),
  fc.record({ kind: fc.constant("style" as const), name: text.filter((name) => !name.includes("|")) }),
  fc.record({
    kind: fc.constant("opaque" as const),
    text: fc
      .tuple(
        word.filter((w) => w !== "" && !PROCESSORS.includes(w)),
        fc.string({ unit: "binary" }).filter((rest) => !rest.includes("|")),
      )
      .map(([head, rest]) => (rest === "" ? head : `${head}/${rest}`)),
  }),
);

const pipeline: fc.Arbitrary<Pipeline> = fc.record({
  stages: fc.array(stage, { minLength: 1, maxLength: 4 }),
});

/** Words a designer might type, correct or not, to build rule-like strings. */
const RULE_WORDS = [
  ...PROCESSORS,
  ...MOGR2_NAMES,
  ...VIEW2_NAMES,
  ...WATERMARK_NAMES,
  ...MORE_WATERMARK_NAMES,
  "imageSlim",
  "imageAve",
  "size-limit",
  "1",
  "2",
  "0",
  "9",
  "",
  "x",
  "200x",
  "x300",
  "200x300>",
  "200x300<",
  "!50p",
  "!50px",
  "!x50p",
  "!200x300r",
  "200x300!",
  "40000@",
  "10x10x5x5",
  "8x5",
  "80!",
  "-20",
  "1.50",
  "007",
  "9".repeat(30),
  "9".repeat(400),
  "NorthEast",
  "CENTER",
  "jpeg",
  "5pWw5o2u5LiH6LGh",
  "I0ZGRkZGRg==",
  "6KGM5pS",
  "5rC05Y2w",
  "6ZW",
  "5Z+O",
  "_w",
  "Pz8",
];
/** Stages that mostly start with a processor this version knows, then rule words and noise. */
const ruleLikeStage = fc
  .tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PROCESSORS) }, { weight: 1, arbitrary: word }),
    fc.array(
      fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...RULE_WORDS) }, { weight: 1, arbitrary: word }),
      {
        maxLength: 10,
      },
    ),
  )
  .map(([head, words]) => [head, ...words].join("/"));
const ruleLike = fc.array(ruleLikeStage, { minLength: 1, maxLength: 4 }).map((stages) => stages.join("|"));

const anyText = fc.oneof(fc.string(), fc.string({ unit: "binary" }), ruleLike);

describe("properties of parse and format", () => {
  it("parse(format(tree)) gives the tree back, without errors", () => {
    fc.assert(
      fc.property(pipeline, (tree) => {
        const { pipeline: parsed, diagnostics } = parseRule(formatRule(tree));
        expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(withoutSpans(parsed)).toEqual(tree);
      }),
      { numRuns: 500 },
    );
  });

  it("format(parse(s)) is a fixed point when a stage's last word is empty", () => {
    // Found by the property below: the parser drops one `/` ending a stage.
    for (const s of ["imageMogr2/~//|imageMogr2", "imageMogr2/a//", "imageMogr2/a//strip", "style//|"]) {
      const once = formatRule(parseRule(s).pipeline);
      expect(formatRule(parseRule(once).pipeline)).toBe(once);
    }
  });

  it("format(parse(s)) is a fixed point for any string", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const once = formatRule(parseRule(s).pipeline);
        expect(formatRule(parseRule(once).pipeline)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws, and every span lies inside the text", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const { pipeline: parsed, diagnostics } = parseRule(s);
        const spans = [
          ...diagnostics.map((d) => d.span),
          ...parsed.stages.flatMap((st) => [
            st.span,
            ...(st.kind === "imageMogr2" ? st.ops.map((op) => op.span) : []),
          ]),
        ];
        for (const span of spans) {
          expect(span).toBeDefined();
          expect(
            0 <= (span?.start ?? -1) &&
              (span?.start ?? 0) <= (span?.end ?? -1) &&
              (span?.end ?? 0) <= s.length,
          ).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
