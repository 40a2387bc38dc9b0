import type { MessageKey } from "../../i18n";

/** The workspaces of the app frame; a step may need one open to show its element. */
export type Workspace = "upload" | "bucket" | "rules" | "history";

/** A real element a step may point at (a selector the features already render), and the words that fit it. */
export interface TourTarget {
  selector: string;
  body: MessageKey;
}

export interface TourStep {
  id: string;
  /**
   * Where to point, best first: the first one on screen at that moment is lit, with its own
   * words, so the step never points at something empty or hidden.
   */
  targets: readonly TourTarget[];
  workspace: Workspace;
  title: MessageKey;
}

/** Drop an image, pick a preset, compare, upload, see the result: the whole path once. */
export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: "drop",
    targets: [{ selector: '[data-testid="dropzone"]', body: "tour.drop.body" }],
    workspace: "upload",
    title: "tour.drop.title",
  },
  {
    id: "preset",
    // The first preset itself (a first run has the starters): the whole panel is taller than the window.
    targets: [{ selector: '[data-testid="preset"]', body: "tour.preset.body" }],
    workspace: "rules",
    title: "tour.preset.title",
  },
  {
    id: "compare",
    targets: [
      // A sample is in the preview: the comparison itself.
      { selector: '[data-testid="preview-comparison"]', body: "tour.compare.body" },
      // Images are added but none previewed: the Preview button that puts one there.
      { selector: '[data-testid="intake-list"] .preview-pick', body: "tour.compare.pick" },
      // Nothing added yet (a first run): where an image comes from.
      { selector: '[data-testid="dropzone"]', body: "tour.compare.add" },
    ],
    workspace: "upload",
    title: "tour.compare.title",
  },
  {
    id: "upload",
    // The rule slots, where presets become the upload's rules: "Review plan" is disabled until files are added.
    targets: [{ selector: "fieldset.rule-slots", body: "tour.upload.body" }],
    workspace: "upload",
    title: "tour.upload.title",
  },
  {
    id: "result",
    targets: [{ selector: "#tab-bucket", body: "tour.result.body" }],
    workspace: "upload",
    title: "tour.result.title",
  },
];
