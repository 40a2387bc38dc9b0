import { untilSuperseded } from "./turns";

/**
 * One engine run at a time per view, the newest request's. libvips cannot stop a pass once
 * it has started, so without this a burst of edits would run every one of them at once on
 * the same cores and the newest — the only one still wanted — would finish last. Here a run
 * waits for the one in flight, and a request superseded while it waits never runs at all.
 */
export class OneRunPerView {
  readonly #running = new Map<string, Promise<void>>();

  /**
   * Runs `work` once no other run of `view` is in flight; rejects with the signal's reason,
   * without running it, if the request is superseded first. `work` should not stop early on
   * the signal: the next run waits for it to end, and its pixels only end when libvips does.
   */
  async run<T>(view: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    let running = this.#running.get(view);
    while (running) {
      await untilSuperseded(running, signal);
      const next = this.#running.get(view);
      running = next === running ? undefined : next;
    }
    if (signal.aborted) throw signal.reason;
    const result = work();
    const ended = result.then(
      () => undefined,
      () => undefined,
    );
    this.#running.set(view, ended);
    void ended.then(() => {
      if (this.#running.get(view) === ended) this.#running.delete(view);
    });
    return result;
  }
}
