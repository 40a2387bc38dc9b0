import { createStore, type StoreApi } from "zustand/vanilla";
import type { AppError } from "../../../shared/errors";
import type { BucketStyle } from "../../../shared/ipc/channels/presets";
import { type ApiClient, failureOf } from "../../api";

/** The styles of the active connection's default bucket, as last read. */
export interface BucketStylesState {
  bucket: string | undefined;
  /** Undefined until read. */
  styles: BucketStyle[] | undefined;
  loading: boolean;
  error: AppError | undefined;
  load(): Promise<void>;
}

export type BucketStylesStore = StoreApi<BucketStylesState>;

export function createBucketStylesStore(api: ApiClient): BucketStylesStore {
  return createStore<BucketStylesState>()((set) => ({
    bucket: undefined,
    styles: undefined,
    loading: false,
    error: undefined,
    async load() {
      set({ loading: true, error: undefined });
      try {
        const { bucket, styles } = await api.call("rules.styles", {});
        set({ bucket, styles });
      } catch (error) {
        set({ styles: undefined, error: failureOf(error) });
      } finally {
        set({ loading: false });
      }
    },
  }));
}
