/** Batches of uploads and of processing in the bucket: their plan, their fields, their progress and history. */
export { BatchView } from "./BatchView";
export { BatchesProvider, useBatchesStore } from "./context";
export { PlanView } from "./PlanView";
export { ProblemCount } from "./ProblemCount";
export { ProcessingFields } from "./ProcessingFields";
export { useRuleWarnings } from "./RuleSlots";
export { type BatchesStore, createBatchesStore } from "./store";
