/** The History tab: every file uploaded or processed, searchable, with its links, removable. */
export { HistoryProvider } from "./context";
export { HistoryWorkspace } from "./HistoryWorkspace";
export { createHistoryStore, type HistoryStore } from "./store";
