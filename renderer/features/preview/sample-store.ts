import { create } from "zustand";

/** What the before/after preview shows: a file the designer added, or an object in the bucket. */
export type PreviewSample =
  | { kind: "file"; fileId: string; name: string }
  | { kind: "object"; bucket: string; key: string; etag?: string };

interface PreviewSampleState {
  sample: PreviewSample | undefined;
  setSample(sample: PreviewSample | undefined): void;
}

export const usePreviewSample = create<PreviewSampleState>((set) => ({
  sample: undefined,
  setSample: (sample) => set({ sample }),
}));
