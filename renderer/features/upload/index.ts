/** Upload with processing: the dropped files, the options and rules, the plan and the batch. */
export { UploadWorkspace } from "./UploadWorkspace";
export { UseInUpload } from "./UseInUpload";
