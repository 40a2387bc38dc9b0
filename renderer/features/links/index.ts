/** Copying links to uploads, objects and history entries: every format, plain or presigned. */
export { LinksProvider } from "./context";
export { type LinkChoice, LinksMenu } from "./LinksMenu";
export { ObjectLinks } from "./ObjectLinks";
export { createLinksStore, type LinkOutlets, type LinksStore } from "./store";
