import { create } from "zustand";
import type { ConnectionList } from "../../../shared/ipc/contract";
import { api } from "../../api";

interface ConnectionsState extends ConnectionList {
  loaded: boolean;
  load(): Promise<void>;
}

/** A mirror of the main process's connections; the main process owns the truth. */
export const useConnections = create<ConnectionsState>((set) => ({
  connections: [],
  activeId: "local",
  loaded: false,
  async load() {
    set({ ...(await api.call("connections.list", {})), loaded: true });
  },
}));

api.on("connections.changed", (list) =>
  useConnections.setState({ ...list, vaultProblem: list.vaultProblem, loaded: true }),
);

export function useActiveConnection() {
  return useConnections((state) => state.connections.find((c) => c.id === state.activeId));
}
