import type { ImageInfo } from "../../shared/cos/image-info";
import type { Pipeline } from "../../shared/rules/ast";
import { averageColour, averageOfPicture } from "./average-colour";
import { imageInfoOf } from "./describe";
import type { Picture } from "./picture";
import { decodesWhole, type ProcessOptions, type ProcessOutput, runRules } from "./process";
import { openSource, type SourceImage } from "./source";

export interface ProcessedOriginal {
  /** The original's `<ImageInfo>`, when it was asked for (`is_pic_info: 1`). */
  imageInfo: ImageInfo | undefined;
  /** One output per rule, in the rules' order. */
  outputs: ProcessOutput[];
}

/**
 * What one Pic-Operations request computes from an original: every rule's output and, when
 * asked, its ImageInfo. The header is read once for all of them. The mean colour (`Ave`) is
 * the original's own, read as `?imageAve` reads it (at 1/8 scale where the format allows),
 * whatever the rules: a rule's pixels would give a mean that moves with the rule (a resize
 * folds detail near its step into the mean: 6 levels on three-pixel stripes halved).
 */
export async function processOriginal(
  input: Buffer,
  pipelines: readonly Pipeline[],
  options: ProcessOptions & { describe: boolean },
): Promise<ProcessedOriginal> {
  const { signal, describe } = options;
  let opened: Promise<SourceImage> | undefined;
  const open = () => {
    opened ??= openSource(input, signal);
    return opened;
  };
  // An original COS cannot describe is refused as such before any rule is tried.
  const source = describe ? await open() : undefined;
  // An 8-bit PNG is decoded whole once, for all the rules, and its mean is read from those
  // pixels, not from a decode of its own (12 MP, one rule, two at a time: 880 → 650 ms of CPU
  // a pair, 466 → 365 ms). Any other mean is read beside the rules: a JPEG's 1/8 decode runs
  // on one thread while much of a rule's work runs on others (one 12 MP photo's answer:
  // 231–250 → 210–212 ms, median of 24). A rule's error is still the one reported; a mean's
  // read then ends unawaited.
  let wholeMean: string | undefined;
  const meanFromRules = source !== undefined && decodesWhole(source) && pipelines.length > 0;
  const beside = source && !meanFromRules ? averageColour(source, signal) : undefined;
  beside?.catch(() => undefined);
  const handOver = meanFromRules
    ? (original: Picture) => {
        wholeMean ??= averageOfPicture(original);
      }
    : undefined;
  const outputs = await runRules(input, pipelines, options, open, handOver);
  if (!source) return { imageInfo: undefined, outputs };
  const ave = wholeMean ?? (await (beside ?? averageColour(source, signal)));
  return { imageInfo: imageInfoOf(source, ave), outputs };
}
