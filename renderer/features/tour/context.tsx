import { storeContext } from "../../ui/store-context";
import type { TourState } from "./store";

const tourContext = storeContext<TourState>("TourStore");

/** Gives the components below one tour store: the app's, or a test's with a fake client. */
export const TourProvider = tourContext.Provider;
/** What a component shows of the tour: it re-renders only when that changes. */
export const useTour = tourContext.useSelected;
