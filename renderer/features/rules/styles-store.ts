import { create } from "zustand";
import type { AppError } from "../../../shared/errors";
import type { BucketStyle } from "../../../shared/ipc/channels/presets";
import { api, failureOf } from "../../api";

/** The styles of the active connection's default bucket, as last read. */
interface BucketStylesState {
  bucket: string | undefined;
  /** Undefined until read. */
  styles: BucketStyle[] | undefined;
  loading: boolean;
  error: AppError | undefined;
  load(): Promise<void>;
}

export const useBucketStyles = create<BucketStylesState>((set) => ({
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
