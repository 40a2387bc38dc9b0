import sharp from "sharp";
import { PicopsError } from "../../shared/errors";
import type { Stage } from "../../shared/rules/ast";
import type { FormatName } from "./formats";
import { type Size, thumbnailSize } from "./geometry";
import { assertResolution } from "./limits";
import { ENGINE_MEMORY } from "./memory-budget";
import { DECODE_OPTIONS, runPass } from "./picture";
import { OUTPUT_SETTINGS } from "./settings";
import type { SourceImage } from "./source";

/**
 * Animations (GIF, animated WebP) stay animated when the output format can animate; then
 * the engine resizes every frame and nothing else. Other operations on animated input are
 * refused as not supported locally rather than applied to one frame. Written to a static
 * format (JPEG, PNG, …), an animation is its first frame, processed like any still image.
 */
export function isAnimatedRun(source: SourceImage, format: FormatName): boolean {
  return source.frameCount > 1 && (format === "gif" || format === "webp");
}

function frameSize(source: SourceImage, stages: Stage[]): Size {
  // An animation's frames carry no EXIF orientation of their own: auto-orient leaves them as they are.
  const upright = source.orientation <= 1;
  let size: Size = { width: source.width, height: source.height };
  for (const stage of stages) {
    if (stage.kind === "imageSlim") continue;
    if (stage.kind !== "imageMogr2") {
      throw new PicopsError("not-supported-locally", "animated-not-local", { operation: stage.kind });
    }
    for (const op of stage.ops) {
      if (OUTPUT_SETTINGS.has(op.op) || (op.op === "auto-orient" && upright)) continue;
      if (op.op !== "thumbnail") {
        throw new PicopsError("not-supported-locally", "animated-not-local", { operation: op.op });
      }
      const next = thumbnailSize(size, op.geometry);
      // COS never enlarges an animation (reference §7.1).
      if (next.width * next.height <= size.width * size.height) size = next;
    }
  }
  return size;
}

export interface AnimatedOutput extends Size {
  data: Buffer;
}

export async function animatedOutput(
  source: SourceImage,
  stages: Stage[],
  settings: { format: FormatName; quality: number; gifFrames: number | undefined },
  signal: AbortSignal | undefined,
): Promise<AnimatedOutput> {
  // Only GIF and WebP animate, and both stay encoded until here (BMP is the one decoded early).
  if (source.canvas.kind !== "encoded") throw new PicopsError("internal", "animation-decoded-early");
  const size = frameSize(source, stages);
  assertResolution(size.width, size.height, source.frameCount);
  // Every frame in and out, with alpha: what libvips holds for an animated resize at most.
  // cgif (CI's page): a GIF keeps at most that many frames, the first ones.
  const frames =
    source.format === "gif" && settings.format === "gif" && settings.gifFrames !== undefined
      ? Math.min(source.frameCount, settings.gifFrames)
      : source.frameCount;
  const frameBytes = (source.width * source.height + size.width * size.height) * 4;
  const release = await ENGINE_MEMORY.reserve(frameBytes * frames, signal);
  try {
    let pipeline = sharp(source.canvas.input, { pages: frames, ...DECODE_OPTIONS });
    if (size.width !== source.width || size.height !== source.height) {
      pipeline = pipeline.resize(size.width, size.height, { fit: "fill" });
    }
    pipeline = settings.format === "gif" ? pipeline.gif() : pipeline.webp({ quality: settings.quality });
    const data = await runPass(pipeline.toBuffer(), signal);
    return { data, ...size };
  } finally {
    release();
  }
}
