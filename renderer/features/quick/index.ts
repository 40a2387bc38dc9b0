/** Pasting into the upload list, naming templates with their live example, and Quick upload. */
export { QuickProvider, useQuickStore } from "./context";
export { NamingExample } from "./NamingExample";
export { NamingFields } from "./NamingFields";
export { PasteIntake } from "./PasteIntake";
export { QuickPanel } from "./QuickPanel";
export { createQuickStore, type QuickStore } from "./store";
export { UploadIdenticalField } from "./UploadIdenticalField";
export { useQuickIntake } from "./use-quick-intake";
