import { create } from "zustand";
import type { AppError } from "../../../shared/errors";
import type { ConnectionList } from "../../../shared/ipc/contract";
import { api, failureOf } from "../../api";

interface ConnectionsState extends ConnectionList {
  loaded: boolean;
  /** The last call about connections that failed (listing, choosing, removing one). */
  error: AppError | undefined;
  load(): Promise<void>;
  select(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}

/** Runs a call about connections, keeping its failure as the store's error. */
async function attempt(call: () => Promise<unknown>): Promise<void> {
  useConnections.setState({ error: undefined });
  try {
    await call();
  } catch (error) {
    useConnections.setState({ error: failureOf(error) });
  }
}

/** A mirror of the main process's connections; the main process owns the truth. */
export const useConnections = create<ConnectionsState>((set) => ({
  connections: [],
  activeId: "local",
  loaded: false,
  error: undefined,
  load: () => attempt(async () => set({ ...(await api.call("connections.list", {})), loaded: true })),
  select: (id) => attempt(() => api.call("connections.select", { id })),
  remove: (id) => attempt(() => api.call("connections.delete", { id })),
}));

api.on("connections.changed", (list) =>
  useConnections.setState({ ...list, vaultProblem: list.vaultProblem, loaded: true }),
);

export function useActiveConnection() {
  return useConnections((state) => state.connections.find((c) => c.id === state.activeId));
}
