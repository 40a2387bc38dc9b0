import { storeContext } from "../../ui/store-context";
import type { LinksState } from "./store";

const linksContext = storeContext<LinksState>("LinksStore");

/** Gives the components below one links store: the app's, or a test's with a fake client. */
export const LinksProvider = linksContext.Provider;
export const useLinks = linksContext.useSelected;
