/** The endpoint editors upload through (PicGo's protocol), its settings and the destinations' defaults. */
export { EditorUploadsProvider } from "./context";
export { EditorUploads } from "./EditorUploads";
export { createEditorUploadsStore, type EditorUploadsStore } from "./store";
