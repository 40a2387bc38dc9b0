import { storeContext } from "../../ui/store-context";
import type { QuickState } from "./store";

const quickContext = storeContext<QuickState>("QuickStore");

/** Gives the components below one store of the pasting choices: the app's, or a test's. */
export const QuickProvider = quickContext.Provider;
export const useQuickStore = quickContext.useStoreApi;
export const useQuick = quickContext.useSelected;
