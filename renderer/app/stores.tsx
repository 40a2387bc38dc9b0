import type { ReactNode } from "react";
import type { ApiClient } from "../api";
import { BatchesProvider, type BatchesStore, createBatchesStore } from "../features/batches";
import { createQuickStore, QuickProvider, type QuickStore } from "../features/quick";

/**
 * The composition root of the renderer's stores: every store that owns API calls is made here,
 * once, from one client of the contract. Tests make their own with a fake client.
 */
export interface Stores {
  batches: BatchesStore;
  quick: QuickStore;
}

export function createStores(api: ApiClient): Stores {
  return {
    batches: createBatchesStore(api),
    quick: createQuickStore(localStorage),
  };
}

/** Hands every store to the components below it. */
export function StoresProvider(props: { stores: Stores; children: ReactNode }) {
  const { stores } = props;
  return (
    <BatchesProvider store={stores.batches}>
      <QuickProvider store={stores.quick}>{props.children}</QuickProvider>
    </BatchesProvider>
  );
}
