import { PicopsError } from "../../shared/errors";

interface Turn {
  seq: number;
  controllers: Set<AbortController>;
}

/**
 * Which preview each renderer view asked for last. A request with a newer `seq` aborts the
 * work of older ones, so fast typing never piles up runs; a request older than the newest
 * one seen is refused outright (calls may arrive out of order).
 */
export class PreviewTurns {
  readonly #views = new Map<string, Turn>();

  /** Starts a request's turn: the signal fires when a newer request of the same view arrives. */
  begin(view: string, seq: number): { signal: AbortSignal; end(): void } {
    let turn = this.#views.get(view);
    if (turn && seq < turn.seq) throw superseded();
    if (!turn || seq > turn.seq) {
      for (const controller of turn?.controllers ?? []) controller.abort(superseded());
      turn = { seq, controllers: new Set() };
      this.#views.set(view, turn);
    }
    const controller = new AbortController();
    const current = turn;
    current.controllers.add(controller);
    return { signal: controller.signal, end: () => current.controllers.delete(controller) };
  }
}

function superseded(): PicopsError {
  return new PicopsError("superseded", "preview-superseded");
}

/** Waits for shared work (not cancelled itself) but lets this request's turn end early. */
export function untilSuperseded<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
