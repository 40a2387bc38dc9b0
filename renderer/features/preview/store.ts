import { create } from "zustand";
import { codeSet } from "../../../shared/error-codes";
import type { AppError } from "../../../shared/errors";
import type { PreviewAnswer, PreviewProducer, PreviewSample } from "../../../shared/ipc/channels/preview";
import { ApiError, api } from "../../api";

export type ComparisonMode = "slider" | "side-by-side" | "toggle";
export type Zoom = "fit" | "actual";

interface PreviewState {
  /** The answer on screen: never replaced by an answer to an older request. */
  answer: PreviewAnswer | undefined;
  /** Set when the sample itself could not be loaded. */
  error: AppError | undefined;
  /** A newer request than the one shown is on its way. */
  updating: boolean;
  /** The working-copy answer is shown and the full-size run is on its way. */
  measuring: boolean;
  producer: PreviewProducer;
  mode: ComparisonMode;
  zoom: Zoom;
  /** In toggle mode: which side is shown. */
  showBefore: boolean;
  /** Slider mode: where the divider stands, 0–100 % from the left (before on its left). */
  divider: number;
  /** The details panel widened for a roomy comparison. */
  wide: boolean;
  show(sample: PreviewSample, rule: string, producer: PreviewProducer): Promise<void>;
  /** Clears the picture and ignores every answer still on its way (the sample changed). */
  reset(): void;
  set(
    patch: Partial<Pick<PreviewState, "producer" | "mode" | "zoom" | "showBefore" | "divider" | "wide">>,
  ): void;
}

/** This window's name for the main process: its requests supersede only each other. */
const view = crypto.randomUUID();
let lastAsked = 0;
let lastShown = 0;

/** Answers that only say "a newer request took over": nothing to show. */
const STALE = codeSet("superseded", "aborted");

export const usePreview = create<PreviewState>((set) => ({
  answer: undefined,
  error: undefined,
  updating: false,
  measuring: false,
  producer: "local",
  mode: "slider",
  zoom: "fit",
  showBefore: false,
  divider: 50,
  wide: false,

  async show(sample, rule, producer) {
    lastAsked += 1;
    const seq = lastAsked;
    set({ updating: true });
    const request = { view, seq, sample, rule, producer };
    try {
      const answer = await api.call("preview.render", { ...request, resolution: "working" });
      if (seq < lastShown) return;
      lastShown = seq;
      const measuring = answer.after.kind === "image" && answer.after.scope === "working-copy";
      set({ answer, error: undefined, updating: seq !== lastAsked, measuring });
      if (!measuring) return;
      const full = await api.call("preview.render", { ...request, resolution: "full" });
      if (seq !== lastShown) return;
      set({ answer: full, measuring: false });
    } catch (error) {
      if (error instanceof ApiError && STALE.has(error.code)) return;
      if (seq < lastShown) return;
      lastShown = seq;
      const appError = error instanceof ApiError ? error.error : { code: "internal", message: String(error) };
      set({ error: appError, updating: seq !== lastAsked, measuring: false });
    }
  },

  reset() {
    lastShown = lastAsked + 1;
    set({ answer: undefined, error: undefined, measuring: false });
  },

  set: (patch) => set(patch),
}));
