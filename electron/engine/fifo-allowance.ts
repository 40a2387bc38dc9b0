import { throwIfAborted } from "./abort";

/**
 * A fixed allowance of units (bytes, turns) shared by work that runs at once. Work takes
 * what it needs and gives it back when done; what does not fit waits, first come, first
 * served, so a large taker is not overtaken for ever by small ones. Taking more than the
 * whole allowance would wait for ever: callers refuse that first.
 */
export class FifoAllowance {
  #free: number;
  readonly #waiting: { units: number; grant: () => void }[] = [];

  constructor(readonly capacity: number) {
    this.#free = capacity;
  }

  /** Resolves with the function that gives the units back; an abort while waiting rejects. */
  async take(units: number, signal?: AbortSignal): Promise<() => void> {
    throwIfAborted(signal);
    if (this.#waiting.length === 0 && units <= this.#free) {
      this.#free -= units;
      return this.#releaser(units);
    }
    await new Promise<void>((resolve, reject) => {
      const entry = {
        units,
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
    return this.#releaser(units);
  }

  #releaser(units: number): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#free += units;
      this.#grantWaiting();
    };
  }

  #grantWaiting(): void {
    for (;;) {
      const next = this.#waiting[0];
      if (!next || next.units > this.#free) return;
      this.#waiting.shift();
      this.#free -= next.units;
      next.grant();
    }
  }
}
