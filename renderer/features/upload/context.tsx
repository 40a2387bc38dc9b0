import { storeContext } from "../../ui/store-context";
import type { UploadState } from "./store";

const uploadContext = storeContext<UploadState>("UploadStore");

/** Gives the components below one upload store: the app's, or a test's with a fake client. */
export const UploadProvider = uploadContext.Provider;
export const useUploadStore = uploadContext.useStoreApi;
/** What a component shows of the upload: it re-renders only when that changes. */
export const useUpload = uploadContext.useSelected;
