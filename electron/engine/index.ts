/**
 * The local image engine: runs Cloud Infinite processing rules on sharp/libvips, so rules
 * can be previewed offline and the local bucket answers `Pic-Operations` with real outputs.
 */
export { describeExif, describeImage, type ImageDescription } from "./describe";
export { ENGINE_LIMITS } from "./limits";
export { type ProcessedOriginal, processOriginal } from "./original";
export {
  type PictureHeader,
  type PictureHeaderReading,
  readPictureHeader,
  readPictureHeaderOrFailure,
} from "./picture-header";
export { type ProcessOptions, type ProcessOutput, processImage } from "./process";
export { plannedOutputSize, type TrialOutcome, tryRule } from "./rule-trial";
export { makeStandIn, type StandIn, shrinkToStandIn } from "./stand-in";
