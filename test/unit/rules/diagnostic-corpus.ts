import {
  checkRule,
  checkStyleNames,
  type Diagnostic,
  type Pipeline,
  validateRule,
} from "../../../shared/rules";

/**
 * Rules and hand-built trees that, between them, make the parser and the validator say every
 * sentence they know with every kind of expected value: the diagnostic tests run over it.
 */

const W1 =
  "watermark/1/image/aHR0cDovL2V4YW1wbGVidWNrZXQtMTI1MDAwMDAwMC5jb3MuYXAtc2hhbmdoYWkubXlxY2xvdWQuY29tL3NodWl5aW5fMi5wbmc";
const W2 = "watermark/2/text/5pWw5o2u5LiH6LGh";

export const CORPUS_RULES = [
  "",
  "imageMogr2/strip||imageMogr2/strip",
  "imageMogr2/rotate/90//",
  "imageView2/1/w/200//",
  "imageView2/1//200",
  "style/",
  "imageView2",
  "watermark",
  "watermark/2/fontsize/20",
  "imageMogr2/thumbnail",
  "imageMogr2/thumbnail/abc",
  "imageMogr2/crop/x",
  "imageMogr2/scrop/100",
  "imageMogr2/cut/10x10x10",
  "imageMogr2/blur/8",
  "imageMogr2/iradius/abc",
  "imageMogr2/rotate/ninety",
  "imageMogr2/gravity/middle",
  "imageMogr2/quality/80!!",
  "imageMogr2/rquality/80!",
  "imageMogr2/sharpen/1e3",
  "imageMogr2/grayscale/2",
  "imageMogr2/ignore-error/0",
  `${W2}/fontsize/abc`,
  `${W1}/spcent/abc`,
  `${W1}/blogo/3`,
  `${W1}/scatype/0`,
  "watermark/1/image/@@@",
  "watermark/2/text/@@@",
  `${W2}/font/@@@`,
  `${W2}/fill/_w`,
  "imageView2/1/w",
  "imageView2/1/w//h/1",
  "imageView2/1/w/abc",
  "imageView2/1/format/tiff",
  "imageMogr2/thumbnail/0x",
  "imageMogr2/quality/80.5",
  "imageView2/w/200",
  `${W2}/fill/cmVk`,
  "watermark/1/image/aHR0cHM6Ly9jZG4uZXhhbXBsZS5jb20vbG9nby5wbmc",
  "imageMogr2/format/png/quality/80",
  "imageMogr2/interlace/1/format/webp",
  "imageMogr2/rradius/20/format/gif",
  `${W1}/spcent/100`,
  `${W2}/degree/45`,
  "imageView2/0/w/100",
  "imageView2/2/w/100/format/avif",
  "QRcode/cover/1",
  "imageMogr2/tile/20",
  "watermark/5/type/1",
  "imageMogr2/rotate/400",
  "imageMogr2/blur/8x0",
  "imageMogr2/thumbnail/20000x/format/webp",
  "imageMogr2/size-limit/10k/format/png",
  "imageMogr2/pad/1/color/cmVk",
  "imageMogr2/size-limit/ten",
  "imageMogr2/cgif/x",
  "imageMogr2/density/x",
  "watermark/1/image_key/@@@",
  "watermark/3/type/9",
  "watermark/1/image/aHR0cDovL2Nkbi5leGFtcGxlLmNvbS9sb2dvLnBuZw",
  "imageView2/1/w/200/minsize/1",
  "imageView2/1/q/80/rq/70",
  Array.from({ length: 11 }, () => "imageMogr2/strip").join("|"),
];

export const CORPUS_TREES: Pipeline[] = [
  {
    stages: [
      { kind: "imageMogr2", ops: [] },
      { kind: "imageMogr2", ops: [{ op: "crop" }] },
      { kind: "imageMogr2", ops: [{ op: "thumbnail", geometry: { mode: "fit" } }] },
      { kind: "imageMogr2", ops: [{ op: "quality", quality: { kind: "floor", value: 50, force: true } }] },
      { kind: "watermark", type: 2, text: "", unknown: [] },
      { kind: "style", name: "" },
      { kind: "imageView2", height: 300, unknown: [] },
    ],
  },
];

/** Every diagnostic of the corpus. */
export function corpusDiagnostics(): Diagnostic[] {
  return [
    ...CORPUS_RULES.flatMap((rule) => checkRule(rule).diagnostics),
    ...CORPUS_TREES.flatMap((tree) => validateRule(tree)),
    ...checkStyleNames(checkRule("style/thumb|style/banner").pipeline, "examplebucket-1250000000", ["thumb"]),
  ];
}
