import { PicopsError, ThrownAppError } from "../../shared/errors";
import type { Pipeline } from "../../shared/rules/ast";
import { type FormatName, isWritableFormat } from "./formats";
import { ENGINE_MEMORY } from "./memory-budget";
import type { PictureHeader } from "./picture-header";
import { planMemory } from "./plan";
import { processImage } from "./process";
import { outputSettings } from "./settings";
import type { StandIn } from "./stand-in";

/**
 * A rule checked against a picture before anything is sent: its output size planned from
 * the header (no pixel decoded), and the rule run on a small stand-in of the same kind
 * through the engine the Local bucket runs, so what the engine would refuse is known.
 */

export interface Size {
  width: number;
  height: number;
}

/** The format the rule writes on this picture, as the engine decides it. */
function outputFormat(pipeline: Pipeline, header: PictureHeader): FormatName {
  const asked = outputSettings(pipeline.stages).format;
  return asked && isWritableFormat(asked) ? asked : header.format;
}

/**
 * The output's size on the real picture, computed from its header by the engine's own size
 * planning: throws what the engine would throw before decoding (COS's limits, an operation's
 * arguments, more memory than the engine has). Undefined for an animation written as one,
 * which COS never enlarges and which the engine plans frame by frame.
 */
export function plannedOutputSize(header: PictureHeader, pipeline: Pipeline): Size | undefined {
  const format = outputFormat(pipeline, header);
  if (header.frames > 1 && (format === "gif" || format === "webp")) return undefined;
  const progressive = outputSettings(pipeline.stages).progressive;
  const shape = { width: header.width, height: header.height, alpha: header.alpha };
  const { peakBytes, output } = planMemory(pipeline.stages, shape, header.orientation, {
    format,
    progressive,
  });
  if (peakBytes > ENGINE_MEMORY.capacityBytes) {
    throw new PicopsError("not-supported-locally", "engine-memory-exceeded", {
      megabytes: Math.ceil(peakBytes / 1024 / 1024),
      budgetMegabytes: Math.floor(ENGINE_MEMORY.capacityBytes / 1024 / 1024),
    });
  }
  return { width: output.width, height: output.height };
}

export type TrialOutcome =
  | { ran: true; output: Size & { bytes: number } }
  | { ran: false; error: ThrownAppError };

/**
 * Runs the rule on a stand-in (electron/engine/stand-in.ts) as the Local bucket runs it:
 * the engine's memory budget holds it like any other run. Errors that are not the engine's
 * answer (a cancelled plan) are thrown.
 */
export async function tryRule(
  standIn: StandIn,
  pipeline: Pipeline,
  signal?: AbortSignal,
): Promise<TrialOutcome> {
  try {
    const output = await processImage(standIn.data, pipeline, { signal });
    return { ran: true, output: { width: output.width, height: output.height, bytes: output.size } };
  } catch (error) {
    if (signal?.aborted || !(error instanceof ThrownAppError)) throw error;
    return { ran: false, error };
  }
}
