import { PicopsError } from "../../shared/errors";
import { throwIfAborted } from "./abort";
import { ENGINE_LIMITS } from "./limits";

/**
 * Pixels in flight, shared by every rule the process runs at once (Local bucket requests,
 * previews, working copies). A rule reserves the largest pass it will hold before its first
 * decode and keeps it until its output is encoded; one that does not fit waits for others
 * to finish, in the order they asked. So three hostile requests at once wait in turn
 * instead of adding up, and the process stays within one budget whatever comes in.
 */
export class MemoryBudget {
  #free: number;
  readonly #waiting: { bytes: number; grant: () => void }[] = [];

  constructor(readonly capacityBytes: number) {
    this.#free = capacityBytes;
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
    if (this.#waiting.length === 0 && bytes <= this.#free) {
      this.#free -= bytes;
      return this.#releaser(bytes);
    }
    await new Promise<void>((resolve, reject) => {
      const entry = {
        bytes,
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.#waiting.splice(this.#waiting.indexOf(entry), 1);
        this.#grantWaiting();
        try {
          throwIfAborted(signal);
        } catch (error) {
          reject(error);
        }
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(entry);
    });
    return this.#releaser(bytes);
  }

  #releaser(bytes: number): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#free += bytes;
      this.#grantWaiting();
    };
  }

  /** First come, first served: a large reservation is not overtaken for ever by small ones. */
  #grantWaiting(): void {
    for (;;) {
      const next = this.#waiting[0];
      if (!next || next.bytes > this.#free) return;
      this.#waiting.shift();
      this.#free -= next.bytes;
      next.grant();
    }
  }
}

/** The one budget of this process: the Local bucket and the preview share it. */
export const ENGINE_MEMORY = new MemoryBudget(ENGINE_LIMITS.memoryBytes);
