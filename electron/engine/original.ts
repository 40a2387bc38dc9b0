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
 * asked, its ImageInfo. The header is read once for all of them. The mean colour (`Ave`)
 * comes from the first rule whose pixels hold the whole original (whole-picture.ts), so the
 * original is decoded once; only when no rule's do is it read again for the mean, at 1/8
 * scale where the format allows.
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
  if (describe) await open();
  let average: string | undefined;
  const outputs: ProcessOutput[] = [];
  // One rule at a time: each holds a decoded image in memory.
  for (const pipeline of pipelines) {
    const ran = await runRule(input, pipeline, options, open, describe && average === undefined);
    average ??= ran.average;
    outputs.push(ran.output);
  }
  if (!describe) return { imageInfo: undefined, outputs };
  const source = await open();
  return { imageInfo: imageInfoOf(source, average ?? (await averageColour(source, signal))), outputs };
}
