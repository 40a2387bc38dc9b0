import { create } from "zustand";
import type { PreviewSample } from "../../../shared/ipc/channels/preview";

export type { PreviewSample };

interface PreviewSampleState {
  sample: PreviewSample | undefined;
  setSample(sample: PreviewSample | undefined): void;
}

/** What the before/after preview shows: a file the designer added, or an object in the bucket. */
export const usePreviewSample = create<PreviewSampleState>((set) => ({
  sample: undefined,
  setSample: (sample) => set({ sample }),
}));
