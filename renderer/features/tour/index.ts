/** The first-run tour of the whole path, and the button that opens it again. */
export type { Workspace } from "./steps";
export { Tour, TourButton } from "./Tour";
