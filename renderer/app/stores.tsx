import type { ReactNode } from "react";
import type { ApiClient } from "../api";
import { BatchesProvider, type BatchesStore, createBatchesStore } from "../features/batches";
import { BucketProvider, type BucketStores, createBucketStores } from "../features/bucket";

/**
 * The composition root of the renderer's stores: every store that owns API calls is made here,
 * once, from one client of the contract. Tests make their own with a fake client.
 */
export interface Stores {
  batches: BatchesStore;
  bucket: BucketStores;
}

export function createStores(api: ApiClient): Stores {
  return {
    batches: createBatchesStore(api),
    bucket: createBucketStores(api),
  };
}

/** Hands every store to the components below it. */
export function StoresProvider(props: { stores: Stores; children: ReactNode }) {
  const { stores } = props;
  return (
    <BatchesProvider store={stores.batches}>
      <BucketProvider stores={stores.bucket}>{props.children}</BucketProvider>
    </BatchesProvider>
  );
}
