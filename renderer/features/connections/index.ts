/** The connections in the sidebar, the COS connection form, and which connection is active. */
export { ConnectionsPanel } from "./ConnectionsPanel";
export { ConnectionsProvider, CosProfileProvider, useActiveConnection } from "./context";
export { type CosProfileStore, createCosProfileStore } from "./cos-profile-store";
export { type ConnectionsStore, createConnectionsStore } from "./store";
