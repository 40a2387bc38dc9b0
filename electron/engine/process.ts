import { PicopsError, ThrownAppError } from "../../shared/errors";
import type { Pipeline, Stage } from "../../shared/rules/ast";
import { throwIfAborted } from "./abort";
import { animatedOutput, isAnimatedRun } from "./animated";
import { encodePicture, heifNotSupported } from "./encode";
import { embedExif, exifTiff, withOrientation } from "./exif";
import { type FormatName, IMAGE_FORMATS, isWritableFormat } from "./formats";
import { runMogr2, type WorkState } from "./mogr2";
import { openCanvas, runToPicture } from "./picture";
import { resolveQuality } from "./quality";
import { ignoresErrors, outputSettings } from "./settings";
import { openSource } from "./source";
import { runView2 } from "./view2";
import { runWatermark } from "./watermark";

export interface ProcessOptions {
  signal?: AbortSignal;
  /** Fetches a watermark image named by its URL (`http://<bucket>.cos.<region>.myqcloud.com/<key>`). */
  loadWatermarkImage?: (url: string) => Promise<Buffer>;
  /** Turns `style/<name>` into the pipeline it stands for. */
  resolveStyle?: (name: string) => Promise<Pipeline>;
  /**
   * A quick look rather than COS's bytes: WebP and AVIF are written with their encoders'
   * least effort (same quality setting, larger files, a fraction of the time).
   */
  quickEncode?: boolean;
}

export interface ProcessOutput {
  data: Buffer;
  /** COS's uppercase format name: JPEG, PNG, WEBP, GIF, BMP, AVIF, HEIF. */
  format: string;
  mimeType: string;
  extension: string;
  width: number;
  height: number;
  size: number;
  quality: number;
  /** EXIF orientation of the output, 0 when none. */
  orientation: number;
}

/** Reference §7: at most 10 stages in a pipeline. */
const MAX_STAGES = 10;

/**
 * Runs a rule the way Cloud Infinite does: stages left to right, each stage's output the
 * next one's input, then one encode in the format the rule asks for (default: the input's).
 */
export async function processImage(
  input: Buffer,
  pipeline: Pipeline,
  options: ProcessOptions = {},
): Promise<ProcessOutput> {
  const { signal } = options;
  throwIfAborted(signal);
  const stages = await expandStyles(pipeline.stages, options, new Set());
  if (stages.length > MAX_STAGES) {
    throw new PicopsError("InvalidArgument", "rule-too-many-stages", {
      max: MAX_STAGES,
      count: stages.length,
    });
  }
  for (const stage of stages) rejectOpaque(stage);
  const settings = outputSettings(stages);
  if (settings.format && !isWritableFormat(settings.format)) {
    throw new PicopsError("not-supported-locally", "format-tencent-only", { format: settings.format });
  }
  if (settings.format === "heif") throw heifNotSupported();

  const source = await openSource(input, signal);
  const format: FormatName = settings.format ?? source.format;
  if (format === "heif") throw heifNotSupported();
  const quality = IMAGE_FORMATS[format].lossy ? resolveQuality(settings.quality, source.quality) : 100;
  const description = { format, quality };
  if (isAnimatedRun(source, format)) {
    const animated = await animatedOutput(source, stages, { format, quality }, signal);
    return describeOutput(animated.data, animated, description, 0);
  }

  let state: WorkState = { canvas: source.canvas, orientation: source.orientation };
  for (const stage of stages) state = await runStage(stage, state, options);
  const picture =
    state.canvas.kind === "raw" ? state.canvas : await runToPicture(openCanvas(state.canvas), signal);
  // No average colour here: ProcessResults never reports one (only the original's ImageInfo does).
  const encoded = await encodePicture(
    picture,
    { format, quality, progressive: settings.progressive, quick: options.quickEncode === true },
    signal,
  );
  const keepExif = !settings.strip && source.exif !== undefined && IMAGE_FORMATS[format].exif;
  if (!keepExif || !source.exif) return describeOutput(encoded, picture, description, 0);
  let tiff = exifTiff(source.exif);
  if (state.orientation !== source.orientation) tiff = withOrientation(tiff, state.orientation);
  return describeOutput(embedExif(format, encoded, tiff), picture, description, state.orientation);
}

function describeOutput(
  data: Buffer,
  size: { width: number; height: number },
  { format, quality }: { format: FormatName; quality: number },
  orientation: number,
): ProcessOutput {
  const { cosName, mimeType, extension } = IMAGE_FORMATS[format];
  return {
    data,
    format: cosName,
    mimeType,
    extension,
    width: size.width,
    height: size.height,
    size: data.length,
    quality,
    orientation,
  };
}

async function runStage(stage: Stage, state: WorkState, options: ProcessOptions): Promise<WorkState> {
  const { signal } = options;
  throwIfAborted(signal);
  try {
    switch (stage.kind) {
      case "imageMogr2":
        return await runMogr2(stage, state, signal);
      case "imageView2":
        return await runView2(stage, state, signal);
      case "watermark":
        return await runWatermark(stage, state, options, signal);
      default:
        return state;
    }
  } catch (error) {
    const recoverable =
      error instanceof ThrownAppError &&
      (error.code === "InvalidArgument" || error.code === "ImageResolutionExceed");
    if (recoverable && ignoresErrors(stage)) return state;
    throw error;
  }
}

function rejectOpaque(stage: Stage): void {
  if (stage.kind === "opaque") {
    const name = stage.text.split("/")[0] ?? stage.text;
    throw new PicopsError("not-supported-locally", "processor-not-local", { name });
  }
}

/** Inlines `style/<name>` stages; a style that reaches itself again is refused. */
async function expandStyles(stages: Stage[], options: ProcessOptions, seen: Set<string>): Promise<Stage[]> {
  const expanded: Stage[] = [];
  for (const stage of stages) {
    if (stage.kind !== "style") {
      expanded.push(stage);
      continue;
    }
    if (!options.resolveStyle) {
      throw new PicopsError("not-supported-locally", "style-without-source", { name: stage.name });
    }
    if (seen.has(stage.name)) {
      throw new PicopsError("InvalidArgument", "style-refers-to-itself", { name: stage.name });
    }
    throwIfAborted(options.signal);
    const style = await options.resolveStyle(stage.name);
    expanded.push(...(await expandStyles(style.stages, options, new Set([...seen, stage.name]))));
  }
  return expanded;
}
