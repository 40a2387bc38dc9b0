import type { ImageInfo } from "../../shared/cos/image-info";
import type { Pipeline } from "../../shared/rules/ast";
import { averageColour } from "./average-colour";
import { imageInfoOf } from "./describe";
import { type ProcessOptions, type ProcessOutput, runRule } from "./process";
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
  // The mean is read beside the rules: a JPEG's 1/8 decode runs on one thread while much of a
  // rule's work runs on others (one 12 MP photo's answer: 231–250 → 210–212 ms, median of
  // 24). A rule's error is still the one reported; the mean's read then ends unawaited.
  // A PNG is decoded twice, for its mean and by its rule. Handing the rule the pixels decoded
  // for the mean saved a decode (12 MP, two at a time: 435 → 328 ms of CPU a request) but not
  // its bytes: libvips resized a ramp held in memory one level off in places (the ramp test).
  const average = source && averageColour(source, signal);
  average?.catch(() => undefined);
  const outputs: ProcessOutput[] = [];
  // One rule at a time: each holds a decoded image in memory.
  for (const pipeline of pipelines) outputs.push(await runRule(input, pipeline, options, open));
  if (!source || !average) return { imageInfo: undefined, outputs };
  return { imageInfo: imageInfoOf(source, await average), outputs };
}
