import { messageRef } from "../../shared/error-messages";
import { PicopsError, ThrownAppError } from "../../shared/errors";
import { checkRule, howRuleRunsLocally, type Pipeline } from "../../shared/rules/index";
import { type FileKind, fileKindOf } from "../../shared/uploads/file-kinds";
import type { PlannedUpload } from "../../shared/uploads/plan";
import { throwIfAborted } from "../engine/abort";
import { IMAGE_FORMATS } from "../engine/formats";
import {
  makeStandIn,
  type PictureHeader,
  plannedOutputSize,
  type StandIn,
  shrinkToStandIn,
  tryRule,
} from "../engine/index";

/**
 * What the engine knows about a batch's rules, added to its plan before anything is sent:
 * every file's output sizes planned from its header (enlargements, COS's limits, the engine's
 * memory), and every rule tried at reduced size on one file of each kind in the batch — not
 * on every file: a thousand files of two kinds make two trials a rule.
 */

/** One file of the plan, with what its header says (undefined: not read, nothing is checked). */
export interface CheckedFile {
  plan: PlannedUpload;
  /** How the designer knows it: the dropped file's path, the object's key. */
  name: string;
  bytes: number;
  header: PictureHeader | undefined;
  /** Its bytes, when they can be had for a stand-in (a file on this machine, an object small enough to fetch). */
  read?(signal?: AbortSignal): Promise<Buffer>;
}

export interface PlanCheckOptions {
  /**
   * Where the batch goes. The Local bucket answers 501 for what its engine cannot run, so
   * that is an error there; COS may well run it, so there it is marked "COS only".
   */
  destination: "local" | "cos";
  /** A small picture of the same kind as this file, to try rules on (undefined: none can be made). */
  standIn(file: CheckedFile, signal?: AbortSignal): Promise<StandIn | undefined>;
  signal?: AbortSignal;
}

/**
 * An output this much larger than its original is worth a warning: a stand-in's bytes only
 * estimate the real picture's, so a re-encode that keeps the size is not flagged by chance.
 */
const LARGER_MARGIN = 1.1;

/** Why a HEIF picture cannot be tried here: what the Local bucket would answer for it too. */
const HEIF_NOT_READABLE = new PicopsError("not-supported-locally", "heif-input-not-local", {
  format: "HEIF",
});

/** What the engine answers as COS would (400s): COS refuses these too. */
const REFUSED_BY_COS = new Set([
  "InvalidArgument",
  "ImageResolutionExceed",
  "InvalidImageFormat",
  "EntityTooLarge",
]);

/** Failures that say only that the trial lacked something the real run has (the bucket's styles, its objects). */
const NOT_TRIABLE_HERE = new Set(["style-without-source", "watermark-image-not-local"]);

interface TriedRule {
  index: number;
  text: string;
  pipeline: Pipeline;
}

/** The rules worth trying: valid ones the engine runs (a COS-only rule is already marked as such). */
function rulesToTry(rules: readonly { rule: string }[]): TriedRule[] {
  return rules.flatMap((slot, index) => {
    const { pipeline, diagnostics } = checkRule(slot.rule);
    if (diagnostics.some((diagnostic) => diagnostic.severity === "error")) return [];
    if (howRuleRunsLocally(pipeline).support === "cos-only") return [];
    return [{ index, text: slot.rule, pipeline }];
  });
}

/** Whether any rule is worth trying: without one, no header need be read. */
export function hasRulesToTry(rules: readonly { rule: string }[]): boolean {
  return rulesToTry(rules).length > 0;
}

export async function addPlanChecks(
  files: CheckedFile[],
  rules: readonly { rule: string }[],
  options: PlanCheckOptions,
): Promise<void> {
  const tried = rulesToTry(rules);
  if (tried.length === 0) return;
  const { signal } = options;
  for (const file of files) {
    throwIfAborted(signal);
    if (file.header) checkSizes(file, file.header, tried, options);
  }
  for (const group of groupsByKind(files)) {
    throwIfAborted(signal);
    const sample = group.files[0] as CheckedFile;
    const standIn = await options.standIn(sample, signal);
    if (!standIn) {
      // A HEIF (HEVC) picture has no stand-in: this build of libvips neither reads nor writes
      // HEVC, so every rule on it is the real bucket's to run — an error for the Local bucket,
      // "COS only" for COS — rather than silently untried.
      if (sample.header?.format === "heif") {
        for (const rule of tried) {
          for (const file of group.files)
            markFailure(file, group.kind, sample, rule, HEIF_NOT_READABLE, options);
        }
      }
      continue;
    }
    for (const rule of tried) {
      const outcome = await tryRule(standIn, rule.pipeline, signal);
      if (!outcome.ran) {
        for (const file of group.files) markFailure(file, group.kind, sample, rule, outcome.error, options);
        continue;
      }
      markLargerOutputs(group, standIn, rule, outcome.output);
    }
  }
}

/**
 * Estimates each file's output bytes from the trial: the rule's change in bytes a pixel on
 * the stand-in, applied to the file's own bytes a pixel and its planned output size.
 */
function markLargerOutputs(
  group: KindGroup,
  standIn: StandIn,
  rule: TriedRule,
  trial: { width: number; height: number; bytes: number },
): void {
  const sample = group.files[0] as CheckedFile;
  const change = trial.bytes / pixelsOf(trial) / (standIn.data.length / pixelsOf(standIn));
  for (const file of group.files) {
    const header = file.header as PictureHeader;
    const planned = safePlannedSize(header, rule.pipeline);
    // Without a planned size (an animation), the trial's own ratio of bytes stands for it.
    const output = planned
      ? change * (file.bytes / pixelsOf(header)) * pixelsOf(planned)
      : (trial.bytes / standIn.data.length) * file.bytes;
    const result = file.plan.results[rule.index];
    if (output <= file.bytes * LARGER_MARGIN || !result) continue;
    file.plan.warnings.push({
      kind: "larger-than-original",
      ...result,
      ruleNumber: rule.index + 1,
      bytes: { original: file.bytes, output: Math.round(output) },
      sample: sample.name,
      fileKind: group.kind,
    });
  }
}

/**
 * The file shrunk by the engine when its bytes can be read, so the bytes a rule makes compare
 * as on the original; otherwise (or when the engine cannot read it) a synthetic picture of
 * the same kind, made from the header alone.
 */
export async function standInOf(file: CheckedFile, signal?: AbortSignal): Promise<StandIn | undefined> {
  const { header } = file;
  if (!header) return undefined;
  if (file.read) {
    try {
      return await shrinkToStandIn(await file.read(signal), header, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      if (!(error instanceof ThrownAppError)) throw error;
    }
  }
  return makeStandIn(header, signal);
}

const pixelsOf = (size: { width: number; height: number }) => Math.max(1, size.width * size.height);

function safePlannedSize(header: PictureHeader, pipeline: Pipeline) {
  try {
    return plannedOutputSize(header, pipeline);
  } catch {
    return undefined;
  }
}

/** The planned output of every rule on this file, from its header: refused, or enlarged. */
function checkSizes(
  file: CheckedFile,
  header: PictureHeader,
  tried: TriedRule[],
  options: PlanCheckOptions,
): void {
  for (const rule of tried) {
    let output: { width: number; height: number } | undefined;
    try {
      output = plannedOutputSize(header, rule.pipeline);
    } catch (error) {
      if (!(error instanceof ThrownAppError)) throw error;
      markFailure(file, fileKindOf(header), file, rule, error, options);
      continue;
    }
    if (!output || !enlarges(header, output)) continue;
    const result = file.plan.results[rule.index];
    if (!result) continue;
    file.plan.warnings.push({
      kind: "enlarges",
      ...result,
      ruleNumber: rule.index + 1,
      from: { width: header.width, height: header.height },
      to: output,
    });
  }
}

/** Larger than the original on a side, whichever way up the original is held (EXIF turns swap its sides). */
function enlarges(
  original: { width: number; height: number },
  output: { width: number; height: number },
): boolean {
  const long = (size: { width: number; height: number }) => Math.max(size.width, size.height);
  const short = (size: { width: number; height: number }) => Math.min(size.width, size.height);
  return long(output) > long(original) || short(output) > short(original);
}

/** Files of one kind and format, in the batch's order: the first is tried for all. */
interface KindGroup {
  kind: FileKind;
  files: CheckedFile[];
}

function groupsByKind(files: CheckedFile[]): KindGroup[] {
  const groups = new Map<string, KindGroup>();
  for (const file of files) {
    if (!file.header) continue;
    const kind = fileKindOf(file.header);
    const id = `${kind}/${file.header.format}`;
    const group = groups.get(id) ?? { kind, files: [] };
    groups.set(id, group);
    group.files.push(file);
  }
  return [...groups.values()];
}

/** What an engine failure means for a file of the batch: an error, a "COS only" mark, or nothing. */
function markFailure(
  file: CheckedFile,
  kind: FileKind,
  sample: CheckedFile,
  rule: TriedRule,
  error: ThrownAppError,
  options: PlanCheckOptions,
): void {
  if (error.messageId && NOT_TRIABLE_HERE.has(error.messageId)) return;
  const notLocal = error.code === "not-supported-locally";
  if (!notLocal && !REFUSED_BY_COS.has(error.code)) return;
  const { plan } = file;
  if (notLocal && options.destination === "cos") {
    const result = plan.results[rule.index];
    // The memory the engine lacks is no limit of COS's.
    if (!result || error.messageId === "engine-memory-exceeded") return;
    const operations = String(error.values?.operation ?? error.values?.name ?? error.values?.format ?? "");
    plan.warnings.push({ kind: "runs-only-in-cos", ...result, operations });
    return;
  }
  if (plan.problem) return;
  const format = IMAGE_FORMATS[(sample.header as PictureHeader).format].cosName;
  plan.problem = messageRef(`rule-fails-on-${kind}`, {
    n: rule.index + 1,
    rule: rule.text,
    format,
    sample: sample.name,
  });
  plan.problemCause = error.messageId
    ? messageRef(error.messageId, error.values)
    : messageRef("trial-failed", { code: error.code });
}
