/** Upload with processing: the dropped files, the options and rules, the plan and the batch. */
export { UploadProvider } from "./context";
export { createUploadStore, type UploadStore } from "./store";
export { UploadWorkspace } from "./UploadWorkspace";
export { UseInUpload } from "./UseInUpload";
