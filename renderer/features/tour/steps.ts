import type { MessageKey } from "../../i18n";

/** The workspaces of the app frame; a step may need one open to show its element. */
export type Workspace = "upload" | "bucket" | "rules" | "history";

export interface TourStep {
  id: string;
  /** The real element the step points at: selectors the features already render. */
  target: string;
  workspace: Workspace;
  title: MessageKey;
  body: MessageKey;
}

/** Drop an image, pick a preset, compare, upload, see the result: the whole path once. */
export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: "drop",
    target: '[data-testid="dropzone"]',
    workspace: "upload",
    title: "tour.drop.title",
    body: "tour.drop.body",
  },
  {
    id: "preset",
    // The first preset itself (a first run has the starters): the whole panel is taller than the window.
    target: '[data-testid="preset"]',
    workspace: "rules",
    title: "tour.preset.title",
    body: "tour.preset.body",
  },
  {
    id: "compare",
    target: '[data-tour="preview"]',
    workspace: "upload",
    title: "tour.compare.title",
    body: "tour.compare.body",
  },
  {
    id: "upload",
    // The rule slots, where presets become the upload's rules: "Review plan" is disabled until files are added.
    target: "fieldset.rule-slots",
    workspace: "upload",
    title: "tour.upload.title",
    body: "tour.upload.body",
  },
  {
    id: "result",
    target: "#tab-bucket",
    workspace: "upload",
    title: "tour.result.title",
    body: "tour.result.body",
  },
];
