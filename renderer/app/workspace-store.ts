import { createStore, type StoreApi } from "zustand/vanilla";
import type { ApiClient } from "../api";
import type { Workspace } from "../features/tour";

export interface WorkspaceState {
  /** The tab in the middle of the window. */
  workspace: Workspace;
  show(workspace: Workspace): void;
}

export type WorkspaceStore = StoreApi<WorkspaceState>;

/** Which workspace is open; files opened with Picops from outside the window are shown where they landed. */
export function createWorkspaceStore(api: ApiClient): WorkspaceStore {
  const store = createStore<WorkspaceState>()((set) => ({
    workspace: "upload",
    show: (workspace) => set({ workspace }),
  }));
  api.on("files.opened", () => store.setState({ workspace: "upload" }));
  return store;
}
