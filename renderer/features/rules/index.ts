/** The Rules tab (builder, presets, styles) and the rule in words that other features show. */
export { diagnosticText, firstRuleError, firstRuleWarning } from "./diagnostic-text";
export { useRuleDraft } from "./draft-store";
export { usePresetList } from "./preset-list";
export { RulesWorkspace } from "./RulesWorkspace";
export { useUnknownStyles } from "./unknown-styles";
