import type { ReactNode } from "react";
import type { ApiClient } from "../api";
import { BatchesProvider, type BatchesStore, createBatchesStore } from "../features/batches";
import { createPreviewStore, PreviewProvider, type PreviewStore } from "../features/preview";

/**
 * The composition root of the renderer's stores: every store that owns API calls is made here,
 * once, from one client of the contract. Tests make their own with a fake client.
 */
export interface Stores {
  batches: BatchesStore;
  preview: PreviewStore;
}

export function createStores(api: ApiClient): Stores {
  return {
    batches: createBatchesStore(api),
    preview: createPreviewStore(api),
  };
}

/** Hands every store to the components below it. */
export function StoresProvider(props: { stores: Stores; children: ReactNode }) {
  const { stores } = props;
  return (
    <BatchesProvider store={stores.batches}>
      <PreviewProvider store={stores.preview}>{props.children}</PreviewProvider>
    </BatchesProvider>
  );
}
