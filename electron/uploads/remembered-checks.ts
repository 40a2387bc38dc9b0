import { createHash } from "node:crypto";
import type { MessageRef } from "../../shared/error-messages";
import type { PlannedUpload } from "../../shared/uploads/plan";

/**
 * What a plan's checks refused, remembered by what they ran on. Start must refuse what the
 * engine knows will fail whoever asks (the window keeps its button disabled, but a renderer
 * or a web-host client may call anyway); when Start sends what the plan was just made for,
 * the plan's own trials answer, and only an unseen batch is tried again.
 */

/** What was checked: the same key means the same files (or objects) under the same rules, to the same place. */
export interface CheckedBatch {
  /** The connection: what fails locally is an error for the Local bucket and "COS only" for COS. */
  connectionId: string;
  rules: readonly { rule: string }[];
  /** What identifies each file's bytes: an intake id (a file never changes once added), an object's key and ETag. */
  contents: readonly string[];
}

export function checkedBatchKey(batch: CheckedBatch): string {
  const hash = createHash("sha256");
  // Each part ends with a byte no id, rule or key holds, so no two batches write the same stream.
  hash.update(`${batch.connectionId}\u0000`);
  for (const slot of batch.rules) hash.update(`${slot.rule}\u0001`);
  hash.update("\u0000");
  for (const content of batch.contents) hash.update(`${content}\u0001`);
  return hash.digest("hex");
}

/** A check's refusal: the plan's sentence and the engine's reason behind it. */
interface Refusal {
  problem: MessageRef;
  problemCause: MessageRef;
}

/** What a batch's checks refused: each refused file's refusal by its source id. */
export type Refusals = ReadonlyMap<string, Refusal>;

/** The plans whose refusals are kept: the window plans one batch at a time, a few spare cover a redraw race. */
const PLANS_KEPT = 4;

export class RememberedChecks {
  readonly #refusals = new Map<string, Refusals>();

  /** Keeps what these checked plans refused, and returns it. */
  remember(key: string, plans: readonly PlannedUpload[]): Refusals {
    const refusals = new Map<string, Refusal>();
    for (const plan of plans) {
      // Only a check gives a cause; a key's own problems are found again at Start.
      if (plan.problem && plan.problemCause) {
        refusals.set(plan.sourceId, { problem: plan.problem, problemCause: plan.problemCause });
      }
    }
    this.#refusals.delete(key);
    this.#refusals.set(key, refusals);
    for (const oldest of this.#refusals.keys()) {
      if (this.#refusals.size <= PLANS_KEPT) break;
      this.#refusals.delete(oldest);
    }
    return refusals;
  }

  /** What this batch's checks refused; undefined when it was never checked. */
  refusalsOf(key: string): Refusals | undefined {
    return this.#refusals.get(key);
  }

  /** Puts the remembered refusals on these plans; false when this batch was never checked. */
  recall(key: string, plans: PlannedUpload[]): boolean {
    const refusals = this.#refusals.get(key);
    if (refusals) putRefusals(refusals, plans);
    return refusals !== undefined;
  }
}

/** Puts refusals on the plans of the files they name, as a plan's own findings are. */
export function putRefusals(refusals: Refusals, plans: PlannedUpload[]): void {
  for (const plan of plans) {
    const refusal = refusals.get(plan.sourceId);
    if (!refusal || plan.problem) continue;
    plan.problem = refusal.problem;
    plan.problemCause = refusal.problemCause;
  }
}
