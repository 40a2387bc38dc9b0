import { storeContext } from "../../ui/store-context";
import type { BatchesState } from "./store";

const batchesContext = storeContext<BatchesState>("BatchesStore");

/** Gives the components below one batches store: the app's, or a test's with a fake client. */
export const BatchesProvider = batchesContext.Provider;
export const useBatchesStore = batchesContext.useStoreApi;
/** What a component shows of the batches: it re-renders only when that changes. */
export const useBatches = batchesContext.useSelected;
