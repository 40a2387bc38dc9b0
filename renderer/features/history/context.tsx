import { storeContext } from "../../ui/store-context";
import type { HistoryState } from "./store";

const historyContext = storeContext<HistoryState>("HistoryStore");

/** Gives the components below one history store: the app's, or a test's with a fake client. */
export const HistoryProvider = historyContext.Provider;
export const useHistory = historyContext.useSelected;
