import type { ReactNode } from "react";
import type { ApiClient } from "../api";
import { BatchesProvider, type BatchesStore, createBatchesStore } from "../features/batches";
import { BucketProvider, type BucketStores, createBucketStores } from "../features/bucket";
import { createJobsStore, JobsProvider, type JobsStore } from "../features/jobs";

/**
 * The composition root of the renderer's stores: every store that owns API calls is made here,
 * once, from one client of the contract. Tests make their own with a fake client.
 */
export interface Stores {
  batches: BatchesStore;
  bucket: BucketStores;
  jobs: JobsStore;
}

export function createStores(api: ApiClient): Stores {
  return {
    batches: createBatchesStore(api),
    bucket: createBucketStores(api),
    jobs: createJobsStore(api),
  };
}

/** Hands every store to the components below it. */
export function StoresProvider(props: { stores: Stores; children: ReactNode }) {
  const { stores } = props;
  return (
    <BatchesProvider store={stores.batches}>
      <BucketProvider stores={stores.bucket}>
        <JobsProvider store={stores.jobs}>{props.children}</JobsProvider>
      </BucketProvider>
    </BatchesProvider>
  );
}
