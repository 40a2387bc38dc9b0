import { storeContext } from "../ui/store-context";
import type { WorkspaceState } from "./workspace-store";

const workspaceContext = storeContext<WorkspaceState>("WorkspaceStore");

export const WorkspaceProvider = workspaceContext.Provider;
/** What a component shows of the open workspace: it re-renders only when that changes. */
export const useWorkspace = workspaceContext.useSelected;
