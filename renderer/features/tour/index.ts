/** The first-run tour of the whole path, and the button that opens it again. */
export { TourProvider } from "./context";
export type { Workspace } from "./steps";
export { createTourStore, type TourStore } from "./store";
export { Tour, TourButton } from "./Tour";
