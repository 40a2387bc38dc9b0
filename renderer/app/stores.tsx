import type { ReactNode } from "react";
import type { ApiClient } from "../api";
import { BatchesProvider, type BatchesStore, createBatchesStore } from "../features/batches";
import { createUploadStore, UploadProvider, type UploadStore } from "../features/upload";

/**
 * The composition root of the renderer's stores: every store that owns API calls is made here,
 * once, from one client of the contract. Tests make their own with a fake client.
 */
export interface Stores {
  batches: BatchesStore;
  upload: UploadStore;
}

export function createStores(api: ApiClient): Stores {
  return {
    batches: createBatchesStore(api),
    upload: createUploadStore(api),
  };
}

/** Hands every store to the components below it. */
export function StoresProvider(props: { stores: Stores; children: ReactNode }) {
  const { stores } = props;
  return (
    <BatchesProvider store={stores.batches}>
      <UploadProvider store={stores.upload}>{props.children}</UploadProvider>
    </BatchesProvider>
  );
}
