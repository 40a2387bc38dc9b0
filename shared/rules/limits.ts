/**
 * Every numeric limit of the rule language, in one table: the validator checks against it
 * and the visual builder builds its fields from it. Ranges come from CI's current pages
 * (docs/ci-conformance.md names each); where CI documents none, the range is only a guide:
 * a value outside it is a warning, never an error, so a rule COS accepts is never refused.
 */
import { numberToText } from "./numbers";

export interface Limit {
  min: number;
  max: number;
  /** Shown beside the field: `px`, `%`, `‰`, `°`, or empty for plain amounts. */
  unit: string;
  /** What a designer calls the value. */
  label: string;
  /** Whether COS only takes whole numbers here. */
  integer: boolean;
  /** Why this range, when CI's pages do not confirm it. */
  source?: string;
  /**
   * What COS is known to refuse. Absent: anything outside min–max. `min`: only values below
   * min (CI documents no maximum; above max is a warning). `none`: CI documents no range, so
   * min–max is a guide and a value outside it is a warning.
   */
  refuses?: "min" | "none";
  /** The minimum itself is refused too (`sigma > 0`). */
  minExclusive?: boolean;
}

/** Output sides are at most 50,000 px (CI "Specifications and Limits"; WebP 16,383, checked apart). */
const SIDE: Limit = { min: 1, max: 50000, unit: "px", label: "Side", integer: true };
const OUTPUT_SIDE = SIDE;
/** The largest side of a WebP picture (CI "Specifications and Limits"). */
export const WEBP_MAX_SIDE = 16383;
const OFFSET: Limit = {
  min: 0,
  max: 50000,
  unit: "px",
  label: "Offset",
  integer: true,
  source: "unconfirmed: offsets stay inside the largest picture",
  refuses: "none",
};
/** CI "Quality Change": 0–100 for quality, rquality and lquality alike. */
const QUALITY: Limit = { min: 0, max: 100, unit: "", label: "Quality", integer: true };
const ADJUSTMENT: Limit = {
  min: -100,
  max: 100,
  unit: "",
  label: "Amount",
  integer: true,
  source: "unconfirmed (reference §7.3)",
  refuses: "none",
};
const DISSOLVE: Limit = { min: 1, max: 100, unit: "%", label: "Opacity", integer: true };
const DEGREE: Limit = { min: 0, max: 360, unit: "°", label: "Angle", integer: false };
/** Gap between tiles, % of the watermark's size (CI "Text Watermark"). */
const SPACING: Limit = { min: 0, max: 100, unit: "%", label: "Spacing", integer: true };
/** Per-mille of the picture; scatype 3 (area) stops at 250 (CI "Image Watermark"). */
const SPCENT: Limit = { min: 1, max: 1000, unit: "‰", label: "Size", integer: true };
const SPCENT_AREA: Limit = { ...SPCENT, max: 250, label: "Size by area" };
const RADIUS: Limit = {
  min: 1,
  max: 25000,
  unit: "px",
  label: "Radius",
  integer: true,
  source: "reference §7.2: below half the shorter side of the largest picture",
};

export const RULE_LIMITS = {
  pipeline: { stages: { min: 1, max: 10, unit: "", label: "Stages", integer: true } },
  thumbnail: {
    width: { ...SIDE, label: "Width" },
    height: { ...SIDE, label: "Height" },
    percent: {
      min: 1,
      max: 1000,
      unit: "%",
      label: "Scale",
      integer: false,
      source: "unconfirmed (reference §7.1)",
      refuses: "min",
    },
    pixels: { min: 1, max: 250_000_000, unit: "px", label: "Area", integer: true },
  },
  crop: { width: { ...OUTPUT_SIDE, label: "Width" }, height: { ...OUTPUT_SIDE, label: "Height" } },
  cut: {
    width: { ...OUTPUT_SIDE, label: "Width" },
    height: { ...OUTPUT_SIDE, label: "Height" },
    dx: { ...OFFSET, label: "Left", refuses: "min" },
    dy: { ...OFFSET, label: "Top", refuses: "min" },
  },
  rcrop: { width: { ...OUTPUT_SIDE, label: "Width" }, height: { ...OUTPUT_SIDE, label: "Height" } },
  scrop: { width: { ...OUTPUT_SIDE, label: "Width" }, height: { ...OUTPUT_SIDE, label: "Height" } },
  dx: { pixels: { ...OFFSET, min: -50000, label: "Horizontal offset" } },
  dy: { pixels: { ...OFFSET, min: -50000, label: "Vertical offset" } },
  iradius: { radius: RADIUS },
  rradius: { radius: RADIUS },
  rotate: {
    degrees: {
      min: 0,
      max: 360,
      unit: "°",
      label: "Angle",
      integer: false,
      source: "unconfirmed (reference §7.3)",
      refuses: "none",
    },
  },
  quality: { quality: QUALITY },
  rquality: { quality: { ...QUALITY, label: "Relative quality", unit: "%" } },
  lquality: { quality: { ...QUALITY, label: "Lowest quality" } },
  blur: {
    radius: { min: 1, max: 50, unit: "px", label: "Radius", integer: true },
    sigma: {
      min: 0,
      minExclusive: true,
      max: 100,
      unit: "",
      label: "Sigma",
      integer: false,
      source: "CI documents only sigma > 0; above 100 is a warning",
      refuses: "min",
    },
  },
  sharpen: {
    amount: {
      min: 10,
      max: 300,
      unit: "",
      label: "Amount",
      integer: true,
      source: "unconfirmed (reference §7.3)",
      refuses: "none",
    },
  },
  bright: { amount: { ...ADJUSTMENT, label: "Brightness" } },
  contrast: { amount: { ...ADJUSTMENT, label: "Contrast" } },
  "size-limit": {
    kilobytes: {
      min: 1,
      max: 32768,
      unit: "KB",
      label: "Size",
      integer: false,
      source: "no documented range; inputs are at most 32 MB",
      refuses: "min",
    },
    megabytes: {
      min: 1,
      max: 32,
      unit: "MB",
      label: "Size",
      integer: false,
      source: "no documented range; inputs are at most 32 MB",
      refuses: "min",
    },
  },
  cgif: {
    frames: {
      min: 1,
      max: 100,
      unit: "",
      label: "Frames",
      integer: true,
      source: "unconfirmed (reference §7.3)",
      refuses: "min",
    },
  },
  density: {
    dpi: {
      min: 1,
      max: 1200,
      unit: "dpi",
      label: "Density",
      integer: true,
      source: "unconfirmed: the common range of image-service docs",
      refuses: "min",
    },
  },
  imageView2: {
    mode: {
      min: 1,
      max: 5,
      unit: "",
      label: "Mode",
      integer: true,
      source: "mode 0 is Qiniu's; Cloud Infinite documents 1–5",
    },
    w: { ...SIDE, label: "Width" },
    h: { ...SIDE, label: "Height" },
    q: QUALITY,
    rq: { ...QUALITY, label: "Relative quality", unit: "%" },
    lq: { ...QUALITY, label: "Lowest quality" },
  },
  "watermark/1": {
    dx: { ...OFFSET, label: "Horizontal margin" },
    dy: { ...OFFSET, label: "Vertical margin" },
    spcent: SPCENT,
    "spcent-area": SPCENT_AREA,
    dissolve: DISSOLVE,
    degree: DEGREE,
    spacing: SPACING,
  },
  "watermark/2": {
    fontsize: {
      min: 1,
      max: 1000,
      unit: "pt",
      label: "Font size",
      integer: true,
      source: "unconfirmed: no documented maximum",
      refuses: "min",
    },
    dissolve: DISSOLVE,
    dx: { ...OFFSET, label: "Horizontal margin" },
    dy: { ...OFFSET, label: "Vertical margin" },
    degree: DEGREE,
    spacing: SPACING,
    shadow: { min: 0, max: 100, unit: "%", label: "Shadow", integer: true },
    spcent: SPCENT,
    "spcent-area": SPCENT_AREA,
  },
  "watermark/3": {
    level: { min: 1, max: 3, unit: "", label: "Level", integer: true },
  },
} as const satisfies Record<string, Record<string, Limit>>;

export type LimitedOperation = keyof typeof RULE_LIMITS;
export type LimitedParameter<O extends LimitedOperation> = keyof (typeof RULE_LIMITS)[O] & string;

export function limitOf<O extends LimitedOperation>(operation: O, parameter: LimitedParameter<O>): Limit {
  return RULE_LIMITS[operation][parameter] as Limit;
}

/** `1–50000`, as messages and form hints write a range; `>0–100` when the minimum is excluded. */
export function rangeText(limit: Limit): string {
  return `${limit.minExclusive ? ">" : ""}${numberToText(limit.min)}–${numberToText(limit.max)}`;
}
