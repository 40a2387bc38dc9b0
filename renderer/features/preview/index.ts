/** The before/after preview of the rules that will run on a sample, and how a sample and a rule are picked. */
export { PreviewProvider, usePreviewStore } from "./context";
export { usePreviewFollows } from "./follow";
export { PreviewButton } from "./PreviewButton";
export { PreviewDraft } from "./PreviewDraft";
export { PreviewPanel } from "./PreviewPanel";
export { PreviewSlotButton } from "./PreviewSlotButton";
export { createPreviewStore, type PreviewStore } from "./store";
