/** The before/after preview of the rule on a sample, and how a sample is picked. */
export { PreviewButton } from "./PreviewButton";
export { PreviewPanel } from "./PreviewPanel";
export { usePreviewSample } from "./sample-store";
