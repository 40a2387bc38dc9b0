import { PicopsError } from "../../shared/errors";
import { throwIfAborted } from "./abort";
import { FifoAllowance } from "./fifo-allowance";
import { ENGINE_LIMITS } from "./limits";

/**
 * Pixels in flight, shared by every rule the process runs at once (Local bucket requests,
 * previews, working copies). A rule reserves the largest pass it will hold before its first
 * decode and keeps it until its output is encoded; one that does not fit waits for others
 * to finish, in the order they asked. So three hostile requests at once wait in turn
 * instead of adding up, and the process stays within one budget whatever comes in.
 */
export class MemoryBudget {
  readonly #allowance: FifoAllowance;

  constructor(readonly capacityBytes: number) {
    this.#allowance = new FifoAllowance(capacityBytes);
  }

  /**
   * Resolves with the function that gives the bytes back. A reservation larger than the
   * whole budget is refused: no amount of waiting would make room for it.
   */
  async reserve(bytes: number, signal?: AbortSignal): Promise<() => void> {
    throwIfAborted(signal);
    if (bytes > this.capacityBytes) {
      throw new PicopsError("not-supported-locally", "engine-memory-exceeded", {
        megabytes: Math.ceil(bytes / 1024 / 1024),
        budgetMegabytes: Math.floor(this.capacityBytes / 1024 / 1024),
      });
    }
    return this.#allowance.take(bytes, signal);
  }
}

/** The one budget of this process: the Local bucket and the preview share it. */
export const ENGINE_MEMORY = new MemoryBudget(ENGINE_LIMITS.memoryBytes);
