/** The connections in the sidebar, the COS connection form, and which connection is active. */
export { ConnectionsPanel } from "./ConnectionsPanel";
export { useActiveConnection } from "./store";
