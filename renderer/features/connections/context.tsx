import { storeContext } from "../../ui/store-context";
import type { CosProfileState } from "./cos-profile-store";
import type { ConnectionsState } from "./store";

const connectionsContext = storeContext<ConnectionsState>("ConnectionsStore");
const cosProfileContext = storeContext<CosProfileState>("CosProfileStore");

/** Gives the components below one connections store: the app's, or a test's with a fake client. */
export const ConnectionsProvider = connectionsContext.Provider;
/** What a component shows of the connections: it re-renders only when that changes. */
export const useConnections = connectionsContext.useSelected;

export const CosProfileProvider = cosProfileContext.Provider;
export const useCosProfile = cosProfileContext.useSelected;

/** The connection every call goes through. */
export function useActiveConnection() {
  return useConnections((state) => state.connections.find((c) => c.id === state.activeId));
}
