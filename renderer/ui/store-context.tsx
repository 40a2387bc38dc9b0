import { createContext, type ReactNode, useContext } from "react";
import { useStore } from "zustand";
import type { StoreApi } from "zustand/vanilla";

/**
 * One React context for one kind of store. Stores are made by factories (`createXStore(api)`) in
 * the composition root, `app/stores.tsx`, and handed down by the Provider, so a component test
 * can give them a fake transport and no store subscribes to anything on import.
 */
export interface StoreContext<State> {
  Provider(props: { store: StoreApi<State>; children: ReactNode }): ReactNode;
  /** The store itself, for dispatching and for reading without subscribing. */
  useStoreApi(): StoreApi<State>;
  /** What a component shows of the store: it re-renders only when the selected value changes. */
  useSelected<T>(selector: (state: State) => T): T;
}

export function storeContext<State>(name: string): StoreContext<State> {
  const Context = createContext<StoreApi<State> | undefined>(undefined);
  Context.displayName = name;
  // biome-ignore lint/correctness/noComponentHookFactories: called once per kind of store, at module level, so the identity is stable
  const useStoreApi = (): StoreApi<State> => {
    const store = useContext(Context);
    if (!store) throw new Error(`${name} needs its Provider above it (see app/stores.tsx).`);
    return store;
  };
  return {
    // biome-ignore lint/correctness/noComponentHookFactories: called once per kind of store, at module level, so the identity is stable
    Provider: (props) => <Context.Provider value={props.store}>{props.children}</Context.Provider>,
    useStoreApi,
    useSelected: (selector) => useStore(useStoreApi(), selector),
  };
}
