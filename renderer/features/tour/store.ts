import { createStore, type StoreApi } from "zustand/vanilla";
import type { ApiClient } from "../../api";
import { TOUR_STEPS } from "./steps";

export interface TourState {
  /** The step on screen, or undefined when the tour is closed. */
  step: number | undefined;
  start(): void;
  /** Opens the tour when the main process says this data folder has not seen it yet. */
  startOnFirstRun(): Promise<void>;
  next(): void;
  back(): void;
  /** Finished or skipped: either way the designer has seen it. */
  close(): void;
}

export type TourStore = StoreApi<TourState>;

export function createTourStore(api: ApiClient): TourStore {
  return createStore<TourState>()((set, get) => ({
    step: undefined,
    start: () => set({ step: 0 }),
    async startOnFirstRun() {
      try {
        const { seen } = await api.call("tour.state", {});
        if (!seen && get().step === undefined) get().start();
      } catch {
        // Without an answer from the main process there is no tour: the app works the same.
      }
    },
    next() {
      const { step } = get();
      if (step === undefined) return;
      if (step + 1 < TOUR_STEPS.length) set({ step: step + 1 });
      else get().close();
    },
    back() {
      const { step } = get();
      if (step !== undefined && step > 0) set({ step: step - 1 });
    },
    close() {
      set({ step: undefined });
      // The main process keeps the flag, so it holds across restarts and hosts. If saving it
      // fails, the only cost is seeing the tour once more.
      api.call("tour.markSeen", {}).catch(() => undefined);
    },
  }));
}
