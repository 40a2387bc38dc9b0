/**
 * Calls under way that their caller may cancel, by the id the caller gave each one. The
 * Electron window names its calls so it can cancel one over IPC; the web host needs no ids,
 * since a call is its HTTP request and the page cancels it by aborting the request.
 */
export class CancellableCalls {
  readonly #running = new Map<string, AbortController>();

  /** Runs a call under `callId`; a call without a usable id simply cannot be cancelled. */
  async run<T>(callId: unknown, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const id = isCallId(callId) && !this.#running.has(callId) ? callId : undefined;
    if (id !== undefined) this.#running.set(id, controller);
    try {
      return await call(controller.signal);
    } finally {
      if (id !== undefined) this.#running.delete(id);
    }
  }

  cancel(callId: unknown): void {
    if (isCallId(callId)) this.#running.get(callId)?.abort();
  }

  /** The caller is gone (its window closed): nothing it asked for is still wanted. */
  cancelAll(): void {
    for (const controller of this.#running.values()) controller.abort();
    this.#running.clear();
  }
}

function isCallId(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= 64;
}
