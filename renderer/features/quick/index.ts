/** Pasting into the upload list, naming templates with their live example, and Quick upload. */
export { QuickProvider, useQuickStore } from "./context";
export { DefaultAppliedNote } from "./DefaultAppliedNote";
export { NamingExample } from "./NamingExample";
export { NamingFields } from "./NamingFields";
export { PasteIntake } from "./PasteIntake";
export { QuickPanel } from "./QuickPanel";
export { createQuickStore, type QuickStore } from "./store";
export { UploadIdenticalField } from "./UploadIdenticalField";
export { useDestinationDefaultRules } from "./use-destination-default";
export { useQuickIntake } from "./use-quick-intake";
