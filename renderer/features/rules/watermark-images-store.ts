import { createStore, type StoreApi } from "zustand/vanilla";
import type { ApiClient } from "../../api";

/** Keys of the bucket's images that start with a prefix: the image watermark's key suggestions. */
export interface WatermarkImagesState {
  /** The prefix the keys were found for. */
  prefix: string | undefined;
  keys: string[];
  /** More keys match than were listed: the designer should type more of the key. */
  truncated: boolean;
  /** Asks for the keys under `prefix`; a newer request cancels an older one still under way. */
  find(prefix: string): Promise<void>;
}

export type WatermarkImagesStore = StoreApi<WatermarkImagesState>;

export function createWatermarkImagesStore(api: ApiClient): WatermarkImagesStore {
  let pending: AbortController | undefined;
  return createStore<WatermarkImagesState>()((set) => ({
    prefix: undefined,
    keys: [],
    truncated: false,
    async find(prefix) {
      pending?.abort();
      const request = new AbortController();
      pending = request;
      try {
        const { keys, truncated } = await api.call(
          "rules.watermarkImages",
          { prefix },
          { signal: request.signal },
        );
        if (!request.signal.aborted) set({ prefix, keys, truncated });
      } catch {
        // Suggestions are a convenience: without them the designer types the whole key.
        if (!request.signal.aborted) set({ prefix, keys: [], truncated: false });
      }
    },
  }));
}
