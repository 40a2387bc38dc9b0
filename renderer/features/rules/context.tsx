import { storeContext } from "../../ui/store-context";
import type { RuleDraftState } from "./draft-store";
import type { PresetsState } from "./presets-store";
import type { BucketStylesState } from "./styles-store";
import type { WatermarkImagesState } from "./watermark-images-store";

const ruleDraftContext = storeContext<RuleDraftState>("RuleDraftStore");
const presetsContext = storeContext<PresetsState>("PresetsStore");
const bucketStylesContext = storeContext<BucketStylesState>("BucketStylesStore");
const watermarkImagesContext = storeContext<WatermarkImagesState>("WatermarkImagesStore");

/** Gives the components below the rule being worked on: the app's, or a test's. */
export const RuleDraftProvider = ruleDraftContext.Provider;
/** The draft store itself, to follow the text outside a render (the live preview). */
export const useRuleDraftStore = ruleDraftContext.useStoreApi;
/** What a component shows of the draft: it re-renders only when that changes. */
export const useRuleDraft = ruleDraftContext.useSelected;

export const PresetsProvider = presetsContext.Provider;
export const usePresets = presetsContext.useSelected;

export const BucketStylesProvider = bucketStylesContext.Provider;
export const useBucketStyles = bucketStylesContext.useSelected;

export const WatermarkImagesProvider = watermarkImagesContext.Provider;
export const useWatermarkImages = watermarkImagesContext.useSelected;
