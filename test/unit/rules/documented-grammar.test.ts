import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRule, encodeUrlSafeBase64, formatRule, GRAVITY_NAMES } from "../../../shared/rules";
import {
  AIGC_METADATA_FIELDS,
  type Mogr2OperationName,
  VIEW2_FORMATS,
} from "../../../shared/rules/vocabulary";

/**
 * Rules written the way CI's pages document them — every operation and parameter, values in
 * their documented ranges, a `/` at the end of a stage or not, stages joined by `|` — in the
 * canonical spelling, so that `formatRule(parseRule(rule))` is the rule without its trailing `/`s.
 */

const int = (min: number, max: number) => fc.integer({ min, max }).map(String);
const bit = fc.constantFrom("0", "1");
const side = int(1, 50000);
const b64 = (text: fc.Arbitrary<string>) => text.map(encodeUrlSafeBase64);
const colour = fc
  .tuple(fc.integer({ min: 0, max: 0xffffff }))
  .map(([n]) => encodeUrlSafeBase64(`#${n.toString(16).padStart(6, "0").toUpperCase()}`));
const gravity = fc.constantFrom(...Object.values(GRAVITY_NAMES));
const words = fc.stringMatching(/^[a-z0-9]{1,12}$/);
const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 });
/** Positive, at most two decimals, written as a rule writes numbers. */
const positive = (max: number) =>
  fc.integer({ min: 1, max: max * 100 }).map((hundredths) => String(hundredths / 100));
const optionalSides = fc
  .tuple(fc.option(side, { nil: undefined }), fc.option(side, { nil: undefined }))
  .filter(([w, h]) => w !== undefined || h !== undefined)
  .map(([w, h]) => `${w ?? ""}x${h ?? ""}`);

const geometry = fc.oneof(
  int(1, 1000).map((p) => `!${p}p`),
  int(1, 1000).map((p) => `!${p}px`),
  int(1, 1000).map((p) => `!x${p}p`),
  fc.tuple(optionalSides, fc.constantFrom("", ">", "<")).map(([sides, only]) => `${sides}${only}`),
  fc.tuple(side, side).map(([w, h]) => `!${w}x${h}r`),
  fc.tuple(side, side).map(([w, h]) => `${w}x${h}!`),
  int(1, 250_000_000).map((area) => `${area}@`),
);

/** One generator per imageMogr2 operation: a Record, so a new operation cannot be left out. */
const MOGR2: Record<Mogr2OperationName, fc.Arbitrary<string>> = {
  thumbnail: geometry.map((g) => `thumbnail/${g}`),
  crop: optionalSides.map((s) => `crop/${s}`),
  cut: fc.tuple(side, side, int(0, 50000), int(0, 50000)).map((n) => `cut/${n.join("x")}`),
  rcrop: optionalSides.map((s) => `rcrop/${s}`),
  scrop: fc.tuple(side, side).map(([w, h]) => `scrop/${w}x${h}`),
  dx: int(-50000, 50000).map((n) => `dx/${n}`),
  dy: int(-50000, 50000).map((n) => `dy/${n}`),
  pad: bit.map((b) => `pad/${b}`),
  color: colour.map((c) => `color/${c}`),
  minsize: bit.map((b) => `minsize/${b}`),
  flip: fc.constantFrom("flip/vertical", "flip/horizontal"),
  iradius: int(1, 25000).map((r) => `iradius/${r}`),
  rradius: int(1, 25000).map((r) => `rradius/${r}`),
  rotate: int(0, 360).map((d) => `rotate/${d}`),
  "auto-orient": fc.constant("auto-orient"),
  gravity: gravity.map((g) => `gravity/${g}`),
  format: fc
    .constantFrom("jpg", "png", "webp", "avif", "heif", "gif", "bmp", "yjpeg", "tpg", "svgc")
    .map((f) => `format/${f}`),
  quality: fc.tuple(int(0, 100), fc.constantFrom("", "!")).map(([q, force]) => `quality/${q}${force}`),
  rquality: int(0, 100).map((q) => `rquality/${q}`),
  lquality: int(0, 100).map((q) => `lquality/${q}`),
  blur: fc.tuple(int(1, 50), positive(1000)).map(([r, s]) => `blur/${r}x${s}`),
  sharpen: int(10, 300).map((n) => `sharpen/${n}`),
  bright: int(-100, 100).map((n) => `bright/${n}`),
  contrast: int(-100, 100).map((n) => `contrast/${n}`),
  grayscale: bit.map((b) => `grayscale/${b}`),
  strip: fc.constant("strip"),
  interlace: bit.map((b) => `interlace/${b}`),
  "size-limit": fc
    .oneof(
      int(1, 32768).map((n) => `${n}k`),
      int(1, 32).map((n) => `${n}m`),
    )
    .chain((size) => fc.constantFrom(`size-limit/${size}`, `size-limit/${size}!`)),
  cgif: int(1, 100).map((n) => `cgif/${n}`),
  density: int(1, 1200).map((n) => `density/${n}`),
  AIGCMetadata: fc
    .subarray(AIGC_METADATA_FIELDS.slice(1))
    .chain((fields) =>
      fc.tuple(...["Label", ...fields].map((field) => b64(words).map((v) => `${field}/${v}`))),
    )
    .map((pairs) => `AIGCMetadata/${pairs.join("/")}`),
  "ignore-error": fc.constant("ignore-error/1"),
};

const imageMogr2 = fc
  .array(fc.oneof(...Object.values(MOGR2)), { minLength: 1, maxLength: 6 })
  .map((ops) => `imageMogr2/${ops.join("/")}`);

/** `name/value` pairs in the canonical order, each present or not. */
function params(pairs: [name: string, value: fc.Arbitrary<string>][]): fc.Arbitrary<string[]> {
  return fc
    .tuple(
      ...pairs.map(([name, value]) =>
        fc.option(
          value.map((v) => `${name}/${v}`),
          { nil: undefined },
        ),
      ),
    )
    .map((written) => written.filter((pair): pair is string => pair !== undefined));
}

const imageView2 = fc
  .tuple(
    int(1, 5),
    params([
      ["w", side],
      ["h", side],
      ["format", fc.constantFrom(...VIEW2_FORMATS)],
    ]),
    fc.option(
      fc.oneof(
        int(0, 100).map((q) => `q/${q}`),
        int(0, 100).map((q) => `rq/${q}`),
        int(0, 100).map((q) => `lq/${q}`),
      ),
      { nil: undefined },
    ),
    params([["ignore-error", bit]]),
  )
  .map(([mode, size, quality, rest]) =>
    ["imageView2", mode, ...size, ...(quality ? [quality] : []), ...rest].join("/"),
  );

/** The bucket's own origins that CI's pages and SDK demos use for a watermark picture. */
const watermarkUrl = fc
  .tuple(
    fc.constantFrom(
      "examplebucket-1250000000.cos.ap-shanghai.myqcloud.com",
      "examples-1251000004.picsh.myqcloud.com",
      "examplebucket-1250000000.cos.ap-beijing.tencentcos.cn",
    ),
    words,
  )
  .map(([host, key]) => encodeUrlSafeBase64(`http://${host}/${key}.png`));

const scale = fc.oneof(
  fc.tuple(fc.constantFrom("1", "2"), int(1, 1000)),
  fc.tuple(fc.constant("3"), int(1, 250)),
);

const imageWatermark = fc
  .tuple(
    fc.oneof(
      watermarkUrl.map((url) => `image/${url}`),
      b64(words).map((key) => `image_key/${key}`),
    ),
    params([
      ["gravity", gravity],
      ["dx", int(0, 50000)],
      ["dy", int(0, 50000)],
      ["blogo", fc.constantFrom("1", "2")],
    ]),
    fc.option(
      scale.map(([type, permille]) => `scatype/${type}/spcent/${permille}`),
      { nil: undefined },
    ),
    params([
      ["dissolve", int(1, 100)],
      ["batch", bit],
      ["degree", int(0, 360)],
      ["spacing", int(0, 100)],
    ]),
  )
  .map(([picture, place, scaled, rest]) =>
    ["watermark/1", picture, ...place, ...(scaled ? [scaled] : []), ...rest].join("/"),
  );

const textWatermark = fc
  .tuple(
    params([
      ["text", b64(text)],
      ["font", b64(fc.constantFrom("tahoma.ttf", "simfang仿宋.ttf", "msyh.ttf"))],
      ["fontsize", int(1, 1000)],
      ["fill", colour],
      ["dissolve", int(1, 100)],
      ["gravity", gravity],
      ["dx", int(0, 50000)],
      ["dy", int(0, 50000)],
      ["batch", bit],
      ["degree", int(0, 360)],
      ["spacing", int(0, 100)],
      ["shadow", int(0, 100)],
    ]),
    fc.option(
      scale.map(([type, permille]) => `scatype/${type}/spcent/${permille}`),
      { nil: undefined },
    ),
    b64(text),
  )
  // text is required: the generated one stands in when the optional one was left out.
  .map(([pairs, scaled, fallback]) => {
    const withText = pairs[0]?.startsWith("text/") ? pairs : [`text/${fallback}`, ...pairs];
    return ["watermark/2", ...withText, ...(scaled ? [scaled] : [])].join("/");
  });

const blindWatermark = fc
  .tuple(
    fc.constantFrom("3", "4"),
    fc.oneof(
      watermarkUrl.map((url) => `type/1/image/${url}`),
      fc
        .tuple(watermarkUrl, fc.option(int(1, 3), { nil: undefined }))
        .map(([url, level]) => `type/2/image/${url}${level ? `/level/${level}` : ""}`),
      b64(text).map((t) => `type/3/text/${t}`),
    ),
  )
  .map(([type, rest]) => `watermark/${type}/${rest}`);

/** Stages that may end with a `/`; a style's name is taken as written, so it never gets one. */
const slashable = fc
  .tuple(
    fc.oneof(imageMogr2, imageView2, imageWatermark, textWatermark, blindWatermark, fc.constant("imageSlim")),
    fc.boolean(),
  )
  .map(([stage, slash]) => ({ written: slash ? `${stage}/` : stage, canonical: stage }));
const style = fc
  .stringMatching(/^[A-Za-z0-9_-]{1,20}$/)
  .map((name) => ({ written: `style/${name}`, canonical: `style/${name}` }));

const documentedRule = fc
  .array(fc.oneof({ weight: 9, arbitrary: slashable }, { weight: 1, arbitrary: style }), {
    minLength: 1,
    maxLength: 10,
  })
  .map((stages) => ({
    written: stages.map((stage) => stage.written).join("|"),
    canonical: stages.map((stage) => stage.canonical).join("|"),
  }));

describe("rules from CI's documented grammar", () => {
  it("are never an error, and write back as written (bar a trailing /)", () => {
    fc.assert(
      fc.property(documentedRule, ({ written, canonical }) => {
        const { pipeline, diagnostics } = checkRule(written);
        expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
        expect(formatRule(pipeline)).toBe(canonical);
      }),
      { numRuns: 2000 },
    );
  });
});
