/**
 * The typed tree of a Cloud Infinite processing rule (`rule` in Pic-Operations, or the
 * query of a download-time GET). One tree serves the visual builder, the validator and
 * the local engine; `format` turns it back into the canonical rule string.
 *
 * Spans are 0-based [start, end) offsets into the parsed string; a column shown to a
 * designer is `start + 1`. Trees built by hand (the builder) may omit spans.
 */

import type { DiagnosticArgs, DiagnosticCode, DiagnosticSentence } from "./diagnostics";

export interface Span {
  start: number;
  end: number;
}

/** Where each known parameter's value sits (`mode` for imageView2's mode), so a diagnostic can point at it. */
export type ParamSpans = Partial<Record<string, Span>>;

export type Gravity =
  | "northwest"
  | "north"
  | "northeast"
  | "west"
  | "center"
  | "east"
  | "southwest"
  | "south"
  | "southeast";

/** Output formats a rule can ask for (`format/<fmt>`). `jpg` is the canonical spelling of JPEG. */
export type RuleImageFormat =
  | "jpg"
  | "png"
  | "webp"
  | "avif"
  | "heif"
  | "gif"
  | "bmp"
  | "yjpeg"
  | "tpg"
  | "svgc";

/**
 * `imageMogr2/thumbnail/<geometry>`, one variant per family of the reference's table:
 * - percent: `!Np` (both), `!Npx` (width), `!xNp` (height)
 * - fit: `Wx`, `xH`, `WxH`; with `only: "shrink"` the `>` suffix, `only: "enlarge"` the `<` suffix
 * - cover: `!WxHr`
 * - force: `WxH!`
 * - area: `N@`
 */
export type ThumbnailGeometry =
  | { mode: "percent"; axis: "both" | "width" | "height"; percent: number }
  | { mode: "fit"; width?: number; height?: number; only?: "shrink" | "enlarge" }
  | { mode: "cover"; width: number; height: number }
  | { mode: "force"; width: number; height: number }
  | { mode: "area"; pixels: number };

/** Quality setting shared by imageMogr2 (`quality`, `rquality`, `lquality`) and imageView2 (`q`, `rq`, `lq`). */
export interface QualitySetting {
  /** absolute: min(original, Q) unless forced; relative: original×Q/100; floor: max(original, Q). */
  kind: "absolute" | "relative" | "floor";
  value: number;
  /** `Q!`: use Q as is (absolute only). */
  force: boolean;
}

interface OpBase {
  span?: Span;
  /** Span of the value after `name/` (absent for ops without one), so a diagnostic can point at it. */
  valueSpan?: Span;
}

export type Mogr2Op = OpBase &
  (
    | { op: "thumbnail"; geometry: ThumbnailGeometry }
    | { op: "crop"; width?: number; height?: number }
    | { op: "cut"; width: number; height: number; dx: number; dy: number }
    /** `rcrop/<W>x<H>`: a region of that size, placed by gravity, dx and dy. */
    | { op: "rcrop"; width?: number; height?: number }
    | { op: "scrop"; width: number; height: number }
    /** `dx/<px>`, `dy/<px>`: offsets from the gravity's anchor for crop and rcrop. */
    | { op: "dx" | "dy"; pixels: number }
    /** `pad/1`: a fit thumbnail fills the rest of its W×H box with `color` instead of leaving it out. */
    | { op: "pad"; enabled: boolean }
    /** `color/<b64 #RRGGBB>` for pad, decoded. */
    | { op: "color"; color: string }
    /**
     * `minsize/0|1`, written beside thumbnail and pad in CI's scaling rules; what it changes is
     * not on the pages Picops could read, so it is kept and sent as written.
     */
    | { op: "minsize"; enabled: boolean }
    | { op: "flip"; direction: "vertical" | "horizontal" }
    | { op: "iradius"; radius: number }
    | { op: "rradius"; radius: number }
    | { op: "rotate"; degrees: number }
    | { op: "auto-orient" }
    | { op: "gravity"; gravity: Gravity }
    | { op: "format"; format: RuleImageFormat }
    | { op: "quality"; quality: QualitySetting }
    | { op: "blur"; radius: number; sigma: number }
    | { op: "sharpen"; amount: number }
    | { op: "bright"; amount: number }
    | { op: "contrast"; amount: number }
    | { op: "grayscale"; enabled: boolean }
    | { op: "strip" }
    | { op: "interlace"; enabled: boolean }
    /** `size-limit/<n>k|m[!]`: cap the output's size; with `!` keep the input when it is smaller. */
    | { op: "size-limit"; amount: number; unit: "k" | "m"; keepSmaller: boolean }
    /** `cgif/<n>`: GIF output with at most n frames. */
    | { op: "cgif"; frames: number }
    /** `density/<dpi>`: the DPI written into the output. */
    | { op: "density"; dpi: number }
    /** `AIGCMetadata/Label/<b64>/…`: CI writes the AI-generated-content label into the output. */
    | { op: "AIGCMetadata"; fields: { name: string; value: string }[] }
    | { op: "ignore-error" }
    /** An operation this version does not know: kept verbatim so that it round-trips. */
    | { op: "unknown"; name: string; args: string[] }
  );

export interface ImageMogr2Stage {
  kind: "imageMogr2";
  ops: Mogr2Op[];
  span?: Span;
}

export interface ImageView2Stage {
  kind: "imageView2";
  /** Absent: no resize, only format and quality (`imageView2/format/png`, reference §5.1). */
  mode?: 0 | 1 | 2 | 3 | 4 | 5;
  width?: number;
  height?: number;
  format?: RuleImageFormat;
  quality?: QualitySetting;
  ignoreError?: boolean;
  /** Parameters this version does not know, in their original order. */
  unknown: { name: string; value: string }[];
  span?: Span;
  paramSpans?: ParamSpans;
}

/** `watermark/1`: an image from the same bucket drawn onto the picture. */
export interface ImageWatermarkStage {
  kind: "watermark";
  type: 1;
  /**
   * Decoded from URL-safe Base64: `http://<bucket>.cos.<region>.myqcloud.com/<key>` (or the
   * bucket's other CI origins). Absent when the picture is named by `imageKey` instead.
   */
  imageUrl?: string;
  /** `image_key/<b64 key>`: the watermark picture's object key in the same bucket, decoded. */
  imageKey?: string;
  gravity?: Gravity;
  dx?: number;
  dy?: number;
  /** 1 = scale the watermark to fit the picture, 2 = crop it. */
  blogo?: 1 | 2;
  /** 1 by width, 2 by height, 3 by area, with spcent in per-mille. */
  scatype?: 1 | 2 | 3;
  spcent?: number;
  dissolve?: number;
  /** Tile the picture over the whole image. */
  batch?: boolean;
  /** Rotation of tiled pictures, 0–360 (only with batch). */
  degree?: number;
  /** Gap between tiles, in % of the watermark's width and height. */
  spacing?: number;
  unknown: { name: string; value: string }[];
  span?: Span;
  paramSpans?: ParamSpans;
}

/** `watermark/2`: text drawn onto the picture. Text, font and fill are decoded from URL-safe Base64. */
export interface TextWatermarkStage {
  kind: "watermark";
  type: 2;
  text: string;
  font?: string;
  fontsize?: number;
  /** `#RRGGBB`. */
  fill?: string;
  dissolve?: number;
  gravity?: Gravity;
  dx?: number;
  dy?: number;
  /** Tile the text over the whole picture. */
  batch?: boolean;
  /** Rotation of tiled text, 0–360 (only with batch). */
  degree?: number;
  /** Gap between tiles, in % of the text's width and height. */
  spacing?: number;
  shadow?: number;
  /** 1 by width, 2 by height, 3 by area, with spcent in per-mille. */
  scatype?: 1 | 2 | 3;
  spcent?: number;
  unknown: { name: string; value: string }[];
  span?: Span;
  paramSpans?: ParamSpans;
}

/** `style/<name>`: a rule stored in the bucket under a name. */
export interface StyleStage {
  kind: "style";
  name: string;
  span?: Span;
}

/**
 * `watermark/3` (embed) and `watermark/4` (extract): CI's blind watermarks, a Tencent
 * algorithm. `mode` is the `type` parameter: 1 semi-blind, 2 fully blind, 3 text.
 */
export interface BlindWatermarkStage {
  kind: "blindWatermark";
  type: 3 | 4;
  mode?: 1 | 2 | 3;
  /** Decoded watermark picture URL (modes 1 and 2). */
  imageUrl?: string;
  /** Decoded text (mode 3). */
  text?: string;
  /** 1–3, fully blind only. */
  level?: number;
  unknown: { name: string; value: string }[];
  span?: Span;
  paramSpans?: ParamSpans;
}

/** `imageSlim`: CI's own adaptive compression, a processor without parameters. */
export interface ImageSlimStage {
  kind: "imageSlim";
  span?: Span;
}

/** A processor this version does not know (e.g. `QRcode`): kept verbatim. */
export interface OpaqueStage {
  kind: "opaque";
  text: string;
  span?: Span;
}

export type Stage =
  | ImageMogr2Stage
  | ImageView2Stage
  | ImageWatermarkStage
  | TextWatermarkStage
  | BlindWatermarkStage
  | ImageSlimStage
  | StyleStage
  | OpaqueStage;

/** A whole rule: stages joined by `|`, applied left to right. */
export interface Pipeline {
  stages: Stage[];
}

export type Severity = "error" | "warning";

/** A problem found in a rule, located so the builder can underline it. */
export interface Diagnostic {
  severity: Severity;
  /** Machine-readable reason, e.g. `out-of-range`, `unknown-operation`, `syntax`. */
  code: DiagnosticCode;
  /** Which of the code's sentences the message says (`DIAGNOSTIC_SENTENCES`). */
  sentence: DiagnosticSentence;
  /** The values the sentence is made from, e.g. `{ parameter, min, max, got }`. */
  args: DiagnosticArgs;
  /** English sentence naming the operation, parameter, allowed range and column. */
  message: string;
  /** The 1-based column the message names; absent for a tree built by hand without spans. */
  column?: number;
  /** e.g. `thumbnail`, `watermark/2`. */
  operation?: string;
  parameter?: string;
  span: Span;
}
