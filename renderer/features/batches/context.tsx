import { createContext, type ReactNode, useContext } from "react";
import { useStore } from "zustand";
import type { BatchesState, BatchesStore } from "./store";

const BatchesContext = createContext<BatchesStore | undefined>(undefined);

/** Gives the components below one batches store: the app's, or a test's with a fake client. */
export function BatchesProvider(props: { store: BatchesStore; children: ReactNode }) {
  return <BatchesContext.Provider value={props.store}>{props.children}</BatchesContext.Provider>;
}

export function useBatchesStore(): BatchesStore {
  const store = useContext(BatchesContext);
  if (!store) throw new Error("useBatches needs a BatchesProvider above it.");
  return store;
}

/** What a component shows of the batches: it re-renders only when that changes. */
export function useBatches<T>(selector: (state: BatchesState) => T): T {
  return useStore(useBatchesStore(), selector);
}
