/**
 * Every numeric limit of the rule language, in one table: the validator checks against it
 * and the visual builder builds its fields from it. Ranges come from the reference (§7, §8);
 * where the reference leaves one unconfirmed, `source` says which common range was chosen.
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
  /** Why this range, when the reference does not confirm it. */
  source?: string;
}

const SIDE: Limit = {
  min: 1,
  max: 10000,
  unit: "px",
  label: "Side",
  integer: true,
  source: "unconfirmed: the common range of Cloud Infinite scaling docs",
};
/** Output sides are at most 50000 px (reference §8). */
const OUTPUT_SIDE: Limit = { min: 1, max: 50000, unit: "px", label: "Side", integer: true };
const OFFSET: Limit = {
  min: 0,
  max: 50000,
  unit: "px",
  label: "Offset",
  integer: true,
  source: "unconfirmed: offsets stay inside the largest picture",
};
const QUALITY: Limit = { min: 1, max: 100, unit: "", label: "Quality", integer: true };
const ADJUSTMENT: Limit = {
  min: -100,
  max: 100,
  unit: "",
  label: "Amount",
  integer: true,
  source: "unconfirmed (reference §7.3)",
};
const DISSOLVE: Limit = { min: 1, max: 100, unit: "%", label: "Opacity", integer: true };
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
    },
    pixels: { min: 1, max: 250_000_000, unit: "px", label: "Area", integer: true },
  },
  crop: { width: { ...OUTPUT_SIDE, label: "Width" }, height: { ...OUTPUT_SIDE, label: "Height" } },
  cut: {
    width: { ...OUTPUT_SIDE, label: "Width" },
    height: { ...OUTPUT_SIDE, label: "Height" },
    dx: { ...OFFSET, label: "Left" },
    dy: { ...OFFSET, label: "Top" },
  },
  scrop: { width: { ...OUTPUT_SIDE, label: "Width" }, height: { ...OUTPUT_SIDE, label: "Height" } },
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
    },
  },
  quality: { quality: QUALITY },
  rquality: { quality: { ...QUALITY, label: "Relative quality", unit: "%" } },
  lquality: { quality: { ...QUALITY, label: "Lowest quality" } },
  blur: {
    radius: { min: 1, max: 50, unit: "px", label: "Radius", integer: true },
    sigma: {
      min: 1,
      max: 50,
      unit: "",
      label: "Sigma",
      integer: false,
      source: "reference says only > 0; 50 as for the radius",
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
    },
  },
  bright: { amount: { ...ADJUSTMENT, label: "Brightness" } },
  contrast: { amount: { ...ADJUSTMENT, label: "Contrast" } },
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
    spcent: {
      min: 1,
      max: 1000,
      unit: "‰",
      label: "Size",
      integer: true,
      source: "reference §7.5; unconfirmed for scatype 3",
    },
    dissolve: DISSOLVE,
  },
  "watermark/2": {
    fontsize: {
      min: 1,
      max: 1000,
      unit: "pt",
      label: "Font size",
      integer: true,
      source: "unconfirmed: no documented maximum",
    },
    dissolve: DISSOLVE,
    dx: { ...OFFSET, label: "Horizontal margin" },
    dy: { ...OFFSET, label: "Vertical margin" },
    degree: { min: 0, max: 360, unit: "°", label: "Angle", integer: false },
    shadow: { min: 0, max: 100, unit: "%", label: "Shadow", integer: true },
  },
} as const satisfies Record<string, Record<string, Limit>>;

export type LimitedOperation = keyof typeof RULE_LIMITS;
export type LimitedParameter<O extends LimitedOperation> = keyof (typeof RULE_LIMITS)[O] & string;

export function limitOf<O extends LimitedOperation>(operation: O, parameter: LimitedParameter<O>): Limit {
  return RULE_LIMITS[operation][parameter] as Limit;
}

/** `1–10000`, as messages and form hints write a range. */
export function rangeText(limit: Limit): string {
  return `${numberToText(limit.min)}–${numberToText(limit.max)}`;
}
