import { storeContext } from "../../ui/store-context";
import type { PreviewState } from "./store";

const previewContext = storeContext<PreviewState>("PreviewStore");

/** Gives the components below one preview store: the app's, or a test's with a fake client. */
export const PreviewProvider = previewContext.Provider;
export const usePreviewStore = previewContext.useStoreApi;
/** What a component shows of the preview: it re-renders only when that changes. */
export const usePreview = previewContext.useSelected;
