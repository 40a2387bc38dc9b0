import { create } from "zustand";

/**
 * The rule the designer is working on, as text: the builder edits it, the preview shows
 * what it does, the upload panel can take it into a rule slot.
 */
interface RuleDraftState {
  text: string;
  setText(text: string): void;
}

export const useRuleDraft = create<RuleDraftState>((set) => ({
  text: "imageMogr2/thumbnail/800x/format/webp",
  setText: (text) => set({ text }),
}));
