/** The rule language and the Pic-Operations document: what the rest of Picops imports. */
export type * from "./ast";
export { decodeUrlSafeBase64, encodeUrlSafeBase64 } from "./base64";
export {
  DIAGNOSTIC_CODES,
  DIAGNOSTIC_FRAMES,
  DIAGNOSTIC_SENTENCES,
  type Diagnostic,
  type DiagnosticArgs,
  type DiagnosticCode,
  type DiagnosticSentence,
  EXPECTED_VALUES,
  type ExpectedValue,
  type Severity,
  sentenceValues,
} from "./diagnostics";
export { formatRule } from "./format";
export {
  type Limit,
  type LimitedOperation,
  type LimitedParameter,
  limitOf,
  RULE_LIMITS,
  rangeText,
} from "./limits";
export {
  FORMAT_LOCAL_SUPPORT,
  howRuleRunsLocally,
  type LocalRun,
  type LocalRunNote,
  type LocalSupport,
  MOGR2_LOCAL_SUPPORT,
  STAGE_LOCAL_SUPPORT,
} from "./local-support";
export { type ParsedRule, parseRule } from "./parse";
export {
  decodePicOperations,
  encodePicOperations,
  fileIdProblem,
  PIC_OPERATIONS_MAX_RULES,
  type PicOperations,
  type PicOperationsProblem,
  PicOperationsRuleSchema,
  PicOperationsSchema,
  resolveFileId,
  validatePicOperations,
} from "./pic-operations";
export { checkRule, checkStyleNames, validateRule } from "./validate";
export { GRAVITY_NAMES } from "./vocabulary";
