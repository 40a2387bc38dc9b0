/**
 * Typed tree → the canonical rule string. Canonical choices, so that one tree has one text:
 * - stages and imageMogr2 operations in tree order;
 * - gravity capitalised as COS documents write it (`NorthWest`, `Center`, …);
 * - JPEG written `jpg`;
 * - Base64 values (`image`, `text`, `font`, `fill`) URL-safe and without `=` padding;
 * - imageView2 and watermark parameters in the reference's order, then unknown ones as typed;
 * - numbers as plain integers or decimals, never with an exponent;
 * - unknown operations and opaque stages written exactly as they were typed.
 */
import type {
  BlindWatermarkStage,
  Gravity,
  ImageView2Stage,
  ImageWatermarkStage,
  Mogr2Op,
  Pipeline,
  QualitySetting,
  Stage,
  TextWatermarkStage,
  ThumbnailGeometry,
} from "./ast";
import { encodeUrlSafeBase64 } from "./base64";
import { numberToText as n } from "./numbers";
import {
  BLIND_WATERMARK_PARAMETERS,
  GRAVITY_NAMES,
  IMAGE_WATERMARK_PARAMETERS,
  QUALITY_OPERATION,
  TEXT_WATERMARK_PARAMETERS,
  VIEW2_PARAMETERS,
} from "./vocabulary";

export function formatRule(pipeline: Pipeline): string {
  return pipeline.stages.map((stage) => keepLastWord(stage, formatStage(stage))).join("|");
}

/**
 * The parser drops one `/` ending a stage (CI's demos write `thumbnail/200x/`), so an
 * imageMogr2 stage whose last word is empty (an operation it does not know, kept with an
 * empty argument) is written with one more `/` to read back the same. The other stages
 * write a missing value as `name/`, which reads back as the same missing value.
 */
function keepLastWord(stage: Stage, text: string): string {
  return stage.kind === "imageMogr2" && text.endsWith("/") ? `${text}/` : text;
}

function formatStage(stage: Stage): string {
  switch (stage.kind) {
    case "imageMogr2":
      return ["imageMogr2", ...stage.ops.map(formatOp)].join("/");
    case "imageView2":
      return withParams(
        stage.mode === undefined ? "imageView2" : `imageView2/${stage.mode}`,
        stage,
        VIEW2_PARAMETERS,
        VIEW2_WRITERS,
      );
    case "watermark":
      return stage.type === 1
        ? withParams("watermark/1", stage, IMAGE_WATERMARK_PARAMETERS, IMAGE_WATERMARK_WRITERS)
        : withParams("watermark/2", stage, TEXT_WATERMARK_PARAMETERS, TEXT_WATERMARK_WRITERS);
    case "blindWatermark":
      return withParams(
        `watermark/${stage.type}`,
        stage,
        BLIND_WATERMARK_PARAMETERS,
        BLIND_WATERMARK_WRITERS,
      );
    case "imageSlim":
      return "imageSlim";
    case "style":
      return `style/${stage.name}`;
    case "opaque":
      return stage.text;
  }
}

function formatGeometry(geometry: ThumbnailGeometry): string {
  switch (geometry.mode) {
    case "percent":
      if (geometry.axis === "width") return `!${n(geometry.percent)}px`;
      if (geometry.axis === "height") return `!x${n(geometry.percent)}p`;
      return `!${n(geometry.percent)}p`;
    case "fit": {
      const suffix = geometry.only === "shrink" ? ">" : geometry.only === "enlarge" ? "<" : "";
      return `${sides(geometry.width, geometry.height)}${suffix}`;
    }
    case "cover":
      return `!${n(geometry.width)}x${n(geometry.height)}r`;
    case "force":
      return `${n(geometry.width)}x${n(geometry.height)}!`;
    case "area":
      return `${n(geometry.pixels)}@`;
  }
}

/** `Wx`, `xH` or `WxH`. */
function sides(width: number | undefined, height: number | undefined): string {
  return `${width === undefined ? "" : n(width)}x${height === undefined ? "" : n(height)}`;
}

function qualityValue(quality: QualitySetting): string {
  return `${n(quality.value)}${quality.force ? "!" : ""}`;
}

function formatOp(op: Mogr2Op): string {
  switch (op.op) {
    case "thumbnail":
      return `thumbnail/${formatGeometry(op.geometry)}`;
    case "crop":
      return `crop/${sides(op.width, op.height)}`;
    case "cut":
      return `cut/${n(op.width)}x${n(op.height)}x${n(op.dx)}x${n(op.dy)}`;
    case "rcrop":
      return `rcrop/${sides(op.width, op.height)}`;
    case "scrop":
      return `scrop/${n(op.width)}x${n(op.height)}`;
    case "dx":
    case "dy":
      return `${op.op}/${n(op.pixels)}`;
    case "color":
      return `color/${encodeUrlSafeBase64(op.color)}`;
    case "flip":
      return `flip/${op.direction}`;
    case "size-limit":
      return `size-limit/${n(op.amount)}${op.unit}${op.keepSmaller ? "!" : ""}`;
    case "cgif":
      return `cgif/${n(op.frames)}`;
    case "density":
      return `density/${n(op.dpi)}`;
    case "AIGCMetadata":
      return ["AIGCMetadata", ...op.fields.flatMap((field) => [field.name, field.value])].join("/");
    case "iradius":
    case "rradius":
      return `${op.op}/${n(op.radius)}`;
    case "rotate":
      return `rotate/${n(op.degrees)}`;
    case "gravity":
      return `gravity/${GRAVITY_NAMES[op.gravity]}`;
    case "format":
      return `format/${op.format}`;
    case "quality":
      return `${QUALITY_OPERATION[op.quality.kind]}/${qualityValue(op.quality)}`;
    case "blur":
      return `blur/${n(op.radius)}x${n(op.sigma)}`;
    case "sharpen":
    case "bright":
    case "contrast":
      return `${op.op}/${n(op.amount)}`;
    case "grayscale":
    case "interlace":
    case "pad":
    case "minsize":
      return `${op.op}/${switchText(op.enabled)}`;
    case "ignore-error":
      return "ignore-error/1";
    case "auto-orient":
    case "strip":
      return op.op;
    case "unknown":
      return [op.name, ...op.args].join("/");
  }
}

type Writers<Stage, Name extends string> = Record<Name, (stage: Stage) => string | undefined>;

/** `head/name/value/…` for every set parameter in the reference's order, then the unknown ones as typed. */
function withParams<Stage extends { unknown: { name: string; value: string }[] }, Name extends string>(
  head: string,
  stage: Stage,
  order: readonly Name[],
  writers: Writers<Stage, Name>,
): string {
  const words = [head];
  for (const name of order) {
    const value = writers[name](stage);
    if (value !== undefined) words.push(name, value);
  }
  for (const param of stage.unknown) words.push(param.name, param.value);
  return words.join("/");
}

function optional<T>(value: T | undefined, write: (value: T) => string): string | undefined {
  return value === undefined ? undefined : write(value);
}

const switchText = (on: boolean) => (on ? "1" : "0");
const gravityText = (stage: { gravity?: Gravity }) => optional(stage.gravity, (g) => GRAVITY_NAMES[g]);

function qualityOf(kind: QualitySetting["kind"]) {
  return (stage: ImageView2Stage) => (stage.quality?.kind === kind ? qualityValue(stage.quality) : undefined);
}

const VIEW2_WRITERS: Writers<ImageView2Stage, (typeof VIEW2_PARAMETERS)[number]> = {
  w: (stage) => optional(stage.width, n),
  h: (stage) => optional(stage.height, n),
  format: (stage) => stage.format,
  q: qualityOf("absolute"),
  rq: qualityOf("relative"),
  lq: qualityOf("floor"),
  "ignore-error": (stage) => optional(stage.ignoreError, switchText),
};

const IMAGE_WATERMARK_WRITERS: Writers<ImageWatermarkStage, (typeof IMAGE_WATERMARK_PARAMETERS)[number]> = {
  image: (stage) => optional(stage.imageUrl, encodeUrlSafeBase64),
  image_key: (stage) => optional(stage.imageKey, encodeUrlSafeBase64),
  gravity: gravityText,
  dx: (stage) => optional(stage.dx, n),
  dy: (stage) => optional(stage.dy, n),
  blogo: (stage) => optional(stage.blogo, String),
  scatype: (stage) => optional(stage.scatype, String),
  spcent: (stage) => optional(stage.spcent, n),
  dissolve: (stage) => optional(stage.dissolve, n),
  batch: (stage) => optional(stage.batch, switchText),
  degree: (stage) => optional(stage.degree, n),
  spacing: (stage) => optional(stage.spacing, n),
};

const TEXT_WATERMARK_WRITERS: Writers<TextWatermarkStage, (typeof TEXT_WATERMARK_PARAMETERS)[number]> = {
  text: (stage) => encodeUrlSafeBase64(stage.text),
  font: (stage) => optional(stage.font, encodeUrlSafeBase64),
  fontsize: (stage) => optional(stage.fontsize, n),
  fill: (stage) => optional(stage.fill, encodeUrlSafeBase64),
  dissolve: (stage) => optional(stage.dissolve, n),
  gravity: gravityText,
  dx: (stage) => optional(stage.dx, n),
  dy: (stage) => optional(stage.dy, n),
  batch: (stage) => optional(stage.batch, switchText),
  degree: (stage) => optional(stage.degree, n),
  spacing: (stage) => optional(stage.spacing, n),
  shadow: (stage) => optional(stage.shadow, n),
  scatype: (stage) => optional(stage.scatype, String),
  spcent: (stage) => optional(stage.spcent, n),
};

const BLIND_WATERMARK_WRITERS: Writers<BlindWatermarkStage, (typeof BLIND_WATERMARK_PARAMETERS)[number]> = {
  type: (stage) => optional(stage.mode, String),
  image: (stage) => optional(stage.imageUrl, encodeUrlSafeBase64),
  text: (stage) => optional(stage.text, encodeUrlSafeBase64),
  level: (stage) => optional(stage.level, n),
};
