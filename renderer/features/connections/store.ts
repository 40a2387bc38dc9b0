import { createStore, type StoreApi } from "zustand/vanilla";
import type { AppError } from "../../../shared/errors";
import type { ConnectionList } from "../../../shared/ipc/contract";
import { type ApiClient, failureOf } from "../../api";

export interface ConnectionsState extends ConnectionList {
  loaded: boolean;
  /** The last call about connections that failed (listing, choosing, removing one). */
  error: AppError | undefined;
  load(): Promise<void>;
  select(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export type ConnectionsStore = StoreApi<ConnectionsState>;

/** A mirror of the main process's connections; the main process owns the truth and says when it changes. */
export function createConnectionsStore(api: ApiClient): ConnectionsStore {
  const store = createStore<ConnectionsState>()((set) => {
    const attempt = async (call: () => Promise<unknown>): Promise<void> => {
      set({ error: undefined });
      try {
        await call();
      } catch (error) {
        set({ error: failureOf(error) });
      }
    };
    return {
      connections: [],
      activeId: "local",
      loaded: false,
      error: undefined,
      load: () => attempt(async () => set({ ...(await api.call("connections.list", {})), loaded: true })),
      select: (id) => attempt(() => api.call("connections.select", { id })),
      remove: (id) => attempt(() => api.call("connections.delete", { id })),
    };
  });
  api.on("connections.changed", (list) =>
    store.setState({ ...list, vaultProblem: list.vaultProblem, loaded: true }),
  );
  return store;
}
