import type { Mogr2Op, QualitySetting, RuleImageFormat, Stage } from "../../shared/rules/ast";

/** Operations that only configure the encoder; they are read once for the whole pipeline. */
export const OUTPUT_SETTINGS: ReadonlySet<Mogr2Op["op"]> = new Set<Mogr2Op["op"]>([
  "format",
  "quality",
  "strip",
  "interlace",
  "gravity",
  "ignore-error",
  "dx",
  "dy",
  "pad",
  "color",
  "minsize",
  "size-limit",
  "cgif",
  "density",
]);

/** CI's page: `cgif/1` keeps the default of 30 frames. */
const DEFAULT_GIF_FRAMES = 30;

/** What a whole pipeline asks of the encoder; a later stage's setting wins over an earlier one. */
export interface OutputSettings {
  format: RuleImageFormat | undefined;
  quality: QualitySetting | undefined;
  /**
   * Whether that quality was imageView2's `q`/`rq`/`lq`: CI's page says those apply to JPG
   * and WebP only (“质量变换参数仅针对 JPG、WebP 格式图片”).
   */
  qualityFromView2: boolean;
  strip: boolean;
  progressive: boolean;
  /** `density/<dpi>`: the pixels per inch the output records. */
  density: number | undefined;
  /** `size-limit/<n>k|m[!]`: the most bytes a JPEG output may take, and whether a smaller original wins. */
  sizeLimit: { bytes: number; keepSmaller: boolean } | undefined;
  /** `cgif/<n>`: the most frames an animated GIF keeps (1 stands for CI's default, 30). */
  gifFrames: number | undefined;
  /** `imageSlim`: compress harder, the way CI's adaptive compression would. */
  slim: boolean;
}

export function outputSettings(stages: Stage[]): OutputSettings {
  const settings: OutputSettings = {
    format: undefined,
    quality: undefined,
    qualityFromView2: false,
    strip: false,
    progressive: false,
    density: undefined,
    sizeLimit: undefined,
    gifFrames: undefined,
    slim: false,
  };
  for (const stage of stages) {
    if (stage.kind === "imageSlim") settings.slim = true;
    if (stage.kind === "imageView2") {
      settings.format = stage.format === "yjpeg" ? "jpg" : (stage.format ?? settings.format);
      if (stage.quality) {
        settings.quality = stage.quality;
        settings.qualityFromView2 = true;
      }
    }
    if (stage.kind !== "imageMogr2") continue;
    for (const op of stage.ops) {
      // YJPEG is CI's tuned JPEG, a JPEG all the same: written as a plain one here.
      if (op.op === "format") settings.format = op.format === "yjpeg" ? "jpg" : op.format;
      else if (op.op === "quality") {
        settings.quality = op.quality;
        settings.qualityFromView2 = false;
      } else if (op.op === "strip") settings.strip = true;
      else if (op.op === "interlace") settings.progressive = op.enabled;
      else if (op.op === "density") settings.density = op.dpi;
      else if (op.op === "cgif") settings.gifFrames = op.frames === 1 ? DEFAULT_GIF_FRAMES : op.frames;
      else if (op.op === "size-limit") {
        const unit = op.unit === "k" ? 1024 : 1024 * 1024;
        settings.sizeLimit = { bytes: Math.floor(op.amount * unit), keepSmaller: op.keepSmaller };
      }
    }
  }
  return settings;
}

/** `ignore-error/1`: a stage that fails on limits or arguments passes its input on instead. */
export function ignoresErrors(stage: Stage): boolean {
  if (stage.kind === "imageView2") return stage.ignoreError === true;
  return stage.kind === "imageMogr2" && stage.ops.some((op) => op.op === "ignore-error");
}
