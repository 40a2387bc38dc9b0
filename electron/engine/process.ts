import { PicopsError, ThrownAppError } from "../../shared/errors";
import type { Pipeline, Stage } from "../../shared/rules/ast";
import { throwIfAborted } from "./abort";
import { animatedOutput, isAnimatedRun } from "./animated";
import { withDensity } from "./density";
import { encodeCanvas, encodeWithinSize, heifNotSupported } from "./encode";
import { embedExif, exifTiff, withOrientation } from "./exif";
import { type FormatName, IMAGE_FORMATS, isWritableFormat } from "./formats";
import { ENGINE_MEMORY } from "./memory-budget";
import { runMogr2, type WorkState } from "./mogr2";
import { assertDecodes, type Canvas, canvasHasAlpha, type Picture, renderPicture } from "./picture";
import { decodedBytes, planMemory } from "./plan";
import { resolveQuality, SLIM_QUALITY, UNMEASURED_QUALITY } from "./quality";
import { ignoresErrors, type OutputSettings, outputSettings } from "./settings";
import { openSource, type SourceImage } from "./source";
import { runView2 } from "./view2";
import { runWatermark } from "./watermark";

export interface ProcessOptions {
  signal?: AbortSignal;
  /** Fetches a watermark image named by its URL (`http://<bucket>.cos.<region>.myqcloud.com/<key>`). */
  loadWatermarkImage?: (url: string) => Promise<Buffer>;
  /** Fetches a watermark image named by `image_key`: an object of the picture's own bucket. */
  loadWatermarkObject?: (key: string) => Promise<Buffer>;
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
  const [output] = await runRules(input, [pipeline], options, () => openSource(input, options.signal));
  return output as ProcessOutput;
}

/**
 * Whether a rule reads this original decoded whole, before its first operation: an 8-bit
 * still PNG, which any rule decodes in full anyway (PNG has no reduced decode). Every rule on
 * it does so, whoever asks, so the preview and the upload make the same bytes: libvips
 * resizes pixels held in memory a level off in places from the same pixels streamed from the
 * decoder (a ramp's thumbnail, in 5 of 109,440 values). A caller that needs the pixels too
 * (COS's Ave) is handed them and decodes nothing again. For a 12 MP PNG and
 * `thumbnail/1600x/format/webp`, a rule alone takes about 10 % longer (280 against 254 ms:
 * the decode no longer overlaps the resize); with is_pic_info, two at a time, a pair takes
 * 365 against 466 ms and 650 against 880 ms of CPU.
 */
export function decodesWhole(source: SourceImage): boolean {
  return (
    source.canvas.kind === "encoded" &&
    source.format === "png" &&
    source.bitDepth === 8 &&
    source.frameCount === 1
  );
}

/**
 * The rules of one request on one original, in order, as `processImage` runs each. Every
 * rule is checked and planned before any runs, so a refused rule costs no decode; `open` is
 * called after the first rule is checked, so a bad rule is refused before the input is read.
 * An original that `decodesWhole` is decoded once for all of them, within one reservation
 * (the original beside the largest rule's passes), and its pixels are handed to
 * `withWholeOriginal` (12 MP PNG, two rules and is_pic_info: 464–476 → 322–326 ms, CPU
 * 486–501 → 334–337 ms). Where the original and a rule's passes would never fit the budget
 * together, that rule streams the original from the decoder, as it would alone.
 */
export async function runRules(
  input: Buffer,
  pipelines: readonly Pipeline[],
  options: ProcessOptions,
  open: () => Promise<SourceImage>,
  withWholeOriginal?: (picture: Picture) => void,
): Promise<ProcessOutput[]> {
  const rules: PlannedRule[] = [];
  for (const pipeline of pipelines) rules.push(await planRule(pipeline, options, open));
  const still = rules.filter((rule): rule is StillRule => rule.kind === "still");
  if (still.length === rules.length && readsWhole(still)) {
    return runReserved(input, still, options, withWholeOriginal);
  }
  const outputs: ProcessOutput[] = [];
  for (const rule of rules) {
    if (rule.kind === "animated") outputs.push(await runAnimated(rule, options));
    else outputs.push(...(await runReserved(input, [rule], options, withWholeOriginal)));
  }
  return outputs;
}

/** A rule checked against its original, its output's format and quality settled. */
interface RuleBase {
  source: SourceImage;
  stages: Stage[];
  settings: OutputSettings;
  format: FormatName;
  quality: number;
}

/** A still output: every pass is planned, so the memory its largest one holds is known. */
interface StillRule extends RuleBase {
  kind: "still";
  peakBytes: number;
}

/** An animated output, run frame by frame within its own budget. */
interface AnimatedRule extends RuleBase {
  kind: "animated";
}

type PlannedRule = StillRule | AnimatedRule;

async function planRule(
  pipeline: Pipeline,
  options: ProcessOptions,
  open: () => Promise<SourceImage>,
): Promise<PlannedRule> {
  throwIfAborted(options.signal);
  const stages = await expandStyles(pipeline.stages, options, new Set());
  if (stages.length > MAX_STAGES) {
    throw new PicopsError("InvalidArgument", "rule-too-many-stages", {
      max: MAX_STAGES,
      count: stages.length,
    });
  }
  for (const stage of stages) rejectCosOnly(stage);
  const settings = outputSettings(stages);
  if (settings.format && !isWritableFormat(settings.format)) {
    throw new PicopsError("not-supported-locally", "format-tencent-only", { format: settings.format });
  }
  if (settings.format === "heif") throw heifNotSupported();

  const source = await open();
  const format: FormatName = settings.format ?? source.format;
  if (format === "heif") throw heifNotSupported();
  const lossy = IMAGE_FORMATS[format].lossy;
  const honoured =
    settings.qualityFromView2 && format !== "jpg" && format !== "webp" ? undefined : settings.quality;
  const resolved = lossy ? resolveQuality(honoured, source.quality) : 100;
  const quality = settings.slim && lossy ? Math.min(resolved, SLIM_QUALITY) : resolved;
  const rule = { source, stages, settings, format, quality };
  if (isAnimatedRun(source, format)) return { kind: "animated", ...rule };
  // Every stage's output is known (and refused past COS's limits) before the first decode,
  // and the rule waits until the memory its largest pass holds is free.
  const { peakBytes } = planMemory(stages, shapeOf(source), source.orientation, {
    format,
    progressive: settings.progressive,
  });
  return { kind: "still", ...rule, peakBytes };
}

function shapeOf(source: SourceImage) {
  return { width: source.width, height: source.height, alpha: canvasHasAlpha(source.canvas) };
}

/**
 * Whether rules on one original read it decoded whole: it `decodesWhole`, and it fits the
 * budget beside the largest rule's passes. The budget is fixed, so a rule reads an original
 * the same way with or without the others.
 */
function readsWhole(rules: readonly StillRule[]): boolean {
  const source = rules[0]?.source;
  if (source === undefined || !decodesWhole(source)) return false;
  const peakBytes = Math.max(...rules.map((rule) => rule.peakBytes));
  return peakBytes + decodedBytes(shapeOf(source)) <= ENGINE_MEMORY.capacityBytes;
}

/** Rules on one original within one memory reservation, the original decoded whole if they read it so. */
async function runReserved(
  input: Buffer,
  rules: readonly StillRule[],
  options: ProcessOptions,
  withWholeOriginal: ((picture: Picture) => void) | undefined,
): Promise<ProcessOutput[]> {
  const { signal } = options;
  const source = (rules[0] as StillRule).source;
  const whole = readsWhole(rules);
  const peakBytes = Math.max(...rules.map((rule) => rule.peakBytes));
  const release = await reserveMemory(
    source,
    peakBytes + (whole ? decodedBytes(shapeOf(source)) : 0),
    signal,
  );
  try {
    let original: Canvas = source.canvas;
    if (whole) {
      const picture = await renderPicture(source.canvas, signal);
      withWholeOriginal?.(picture);
      original = picture;
    }
    const outputs: ProcessOutput[] = [];
    for (const rule of rules) outputs.push(await runStill(input, rule, original, options));
    return outputs;
  } finally {
    release();
  }
}

async function runStill(
  input: Buffer,
  rule: StillRule,
  original: Canvas,
  options: ProcessOptions,
): Promise<ProcessOutput> {
  const { signal } = options;
  const { source, settings, format, quality } = rule;
  let state: WorkState = { canvas: original, orientation: source.orientation };
  for (const stage of rule.stages) state = await runStage(stage, state, options);
  const encodeSettings = {
    format,
    quality,
    progressive: settings.progressive,
    slim: settings.slim,
    quick: options.quickEncode === true,
  };
  const limit = format === "jpg" ? settings.sizeLimit?.bytes : undefined;
  const encoded =
    limit === undefined
      ? { ...(await encodeCanvas(state.canvas, encodeSettings, signal)), quality }
      : await encodeWithinSize(state.canvas, encodeSettings, limit, signal);
  let data = encoded.data;
  const keepExif = !settings.strip && source.exif !== undefined && IMAGE_FORMATS[format].exif;
  if (keepExif && source.exif) {
    let tiff = exifTiff(source.exif);
    if (state.orientation !== source.orientation) tiff = withOrientation(tiff, state.orientation);
    data = embedExif(format, data, tiff);
  }
  if (settings.density !== undefined) data = withDensity(format, data, settings.density);
  // size-limit applies to JPEG outputs only (CI's page, 1246/109211); with `!`, "if the
  // processed picture is not smaller than the original, the original is returned".
  if (format === "jpg" && settings.sizeLimit?.keepSmaller && input.length <= data.length) {
    const kept = { format: source.format, quality: source.quality ?? UNMEASURED_QUALITY };
    return describeOutput(input, source, kept, source.orientation);
  }
  return describeOutput(
    data,
    encoded,
    { format, quality: encoded.quality },
    keepExif ? state.orientation : 0,
  );
}

async function runAnimated(rule: AnimatedRule, options: ProcessOptions): Promise<ProcessOutput> {
  const { source, stages, settings, format, quality } = rule;
  const animated = await animatedOutput(
    source,
    stages,
    { format, quality, gifFrames: settings.gifFrames },
    options,
    options.signal,
  );
  return describeOutput(animated.data, animated, { format, quality }, 0);
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

/** What only COS runs (Tencent's own processing, unknown processors) is refused before any decode. */
function rejectCosOnly(stage: Stage): void {
  if (stage.kind === "opaque") {
    const name = stage.text.split("/")[0] ?? stage.text;
    throw new PicopsError("not-supported-locally", "processor-not-local", { name });
  }
  if (stage.kind === "blindWatermark") {
    throw new PicopsError("not-supported-locally", "cos-only-operation", { name: `watermark/${stage.type}` });
  }
  if (stage.kind !== "imageMogr2") return;
  if (stage.ops.some((op) => op.op === "AIGCMetadata")) {
    throw new PicopsError("not-supported-locally", "cos-only-operation", { name: "AIGCMetadata" });
  }
  // minsize/1 changes thumbnail in a way CI's pages do not show: sent to COS as written,
  // never guessed here (shared/rules/local-support.ts counts it COS only).
  if (stage.ops.some((op) => op.op === "minsize" && op.enabled)) {
    throw new PicopsError("not-supported-locally", "cos-only-operation", { name: "minsize" });
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

/**
 * Reserves the memory a rule's largest pass holds. A rule that can never have it is
 * refused, unless the input turns out to be damaged: then that is what the designer needs
 * to hear, so a small decode (a JPEG shrinks on load) looks at the data first.
 */
async function reserveMemory(
  source: SourceImage,
  bytes: number,
  signal: AbortSignal | undefined,
): Promise<() => void> {
  try {
    return await ENGINE_MEMORY.reserve(bytes, signal);
  } catch (error) {
    if (error instanceof ThrownAppError && error.messageId === "engine-memory-exceeded") {
      await assertDecodes(source.canvas, signal);
    }
    throw error;
  }
}
