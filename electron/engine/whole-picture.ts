import type { Mogr2Op, Stage } from "../../shared/rules/ast";
import type { Size } from "./geometry";
import { canvasHasAlpha } from "./picture";
import { paddedBox, type StageSettings, stageSettings } from "./plan";
import { OUTPUT_SETTINGS } from "./settings";
import type { SourceImage } from "./source";

/**
 * Near the borders libvips repeats edge pixels under the resize filter: on a small picture,
 * or one made from a small original, that weighs on the mean.
 */
const MIN_MEASURED_SIDE = 256;
/**
 * Reading the mean from a rule's pixels pays while they are much fewer than the original's:
 * the read it replaces decodes the original at 1/8 scale, and the scan of the rule's pixels
 * touches each of their bytes once.
 */
const MAX_MEASURED_SHARE = 1 / 4;

/**
 * Whether COS's `Ave` of the original may be read from the pixels a rule decodes anyway: the
 * rule's output holds the whole original, only resampled, turned or mirrored (a resize
 * filter's weights sum to one, so the mean stays), downscaled from an original large enough
 * for the borders not to weigh. Resizing premultiplies alpha (the colour under transparent
 * pixels would change), grey and CMYK originals are widened to sRGB in a pass of their own,
 * and an animation's first pass holds frames: only 8-bit RGB stills qualify. Not WebP:
 * libwebp's scaled decode averages its YUV planes before converting them, so colour detail
 * of a pixel or two (stripes, a checker) moves the mean by up to 30 levels (measured on
 * 800×600 stripes); a JPEG's scaled IDCT stayed within one on the same pictures.
 */
export function averageReadableFromRule(
  stages: readonly Stage[],
  source: SourceImage,
  output: Size,
): boolean {
  const sourcePixels = source.width * source.height;
  return (
    source.format !== "webp" &&
    source.channels === 3 &&
    !canvasHasAlpha(source.canvas) &&
    source.bitDepth === 8 &&
    source.frameCount === 1 &&
    Math.min(output.width, output.height) >= MIN_MEASURED_SIDE &&
    output.width * output.height <= sourcePixels * MAX_MEASURED_SHARE &&
    keepsWholePicture(stages)
  );
}

/**
 * Anything that cuts pixels away, adds some (padding, an oblique turn's corners, a
 * watermark) or changes their colours does not keep the whole picture.
 */
function keepsWholePicture(stages: readonly Stage[]): boolean {
  return stages.every((stage) => {
    if (stage.kind === "imageSlim") return true;
    if (stage.kind !== "imageMogr2") return false;
    const settings = stageSettings(stage.ops);
    return stage.ops.every((op) => keepsPixels(op, settings));
  });
}

function keepsPixels(op: Mogr2Op, settings: StageSettings): boolean {
  if (OUTPUT_SETTINGS.has(op.op)) return true;
  switch (op.op) {
    case "thumbnail":
      return paddedBox(op, settings) === undefined;
    case "rotate":
      return op.degrees % 90 === 0;
    case "flip":
    case "auto-orient":
      return true;
    default:
      return false;
  }
}
