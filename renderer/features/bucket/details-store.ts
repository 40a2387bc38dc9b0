import { createStore, type StoreApi } from "zustand/vanilla";
import type { AppError } from "../../../shared/errors";
import type { ObjectDetails } from "../../../shared/ipc/channels/bucket";
import { type ApiClient, failureOf, wasCancelled } from "../../api";

export interface ObjectDetailsState {
  details: ObjectDetails | undefined;
  error: AppError | undefined;
  /** Asks for one object's details; a newer request cancels the one under way. */
  show(bucket: string, key: string): Promise<void>;
  /** Nothing is focused any more: what was asked for is no longer wanted. */
  clear(): void;
}

export type ObjectDetailsStore = StoreApi<ObjectDetailsState>;

/** The focused object's metadata and image info, as the main process read them. */
export function createObjectDetailsStore(api: ApiClient): ObjectDetailsStore {
  /** The details call under way, cancelled when the designer moves on to another object. */
  let detailsCall: AbortController | undefined;
  return createStore<ObjectDetailsState>()((set) => ({
    details: undefined,
    error: undefined,

    async show(bucket, key) {
      detailsCall?.abort();
      const call = new AbortController();
      detailsCall = call;
      set({ details: undefined, error: undefined });
      try {
        set({ details: await api.call("bucket.details", { bucket, key }, { signal: call.signal }) });
      } catch (error) {
        if (!wasCancelled(error)) set({ error: failureOf(error) });
      }
    },

    clear() {
      detailsCall?.abort();
      detailsCall = undefined;
      set({ details: undefined, error: undefined });
    },
  }));
}
