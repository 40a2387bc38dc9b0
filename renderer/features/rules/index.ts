/** The Rules tab (builder, presets, styles) and the rule in words that other features show. */
export {
  BucketStylesProvider,
  PresetsProvider,
  RuleDraftProvider,
  useRuleDraft,
  useRuleDraftStore,
  WatermarkImagesProvider,
} from "./context";
export { diagnosticText, firstRuleError, firstRuleWarning } from "./diagnostic-text";
export { createRuleDraftStore, type RuleDraftStore } from "./draft-store";
export { usePresetList } from "./preset-list";
export { createPresetsStore, type PresetsStore } from "./presets-store";
export { RulesWorkspace } from "./RulesWorkspace";
export { type BucketStylesStore, createBucketStylesStore } from "./styles-store";
export { useUnknownStyles } from "./unknown-styles";
export { createWatermarkImagesStore, type WatermarkImagesStore } from "./watermark-images-store";
