import { storeContext } from "../../ui/store-context";
import type { EditorUploadsState } from "./store";

const editorUploadsContext = storeContext<EditorUploadsState>("EditorUploadsStore");

/** Gives the components below one store of the editor-uploads endpoint: the app's, or a test's. */
export const EditorUploadsProvider = editorUploadsContext.Provider;
/** What a component shows of the endpoint: it re-renders only when that changes. */
export const useEditorUploads = editorUploadsContext.useSelected;
