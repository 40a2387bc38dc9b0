export { EditorUploads } from "./EditorUploads";
