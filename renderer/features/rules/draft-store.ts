import { create } from "zustand";

/** Keystrokes from the same source this close together are one step of undo (typing a word). */
const COALESCE_MS = 1000;
const HISTORY_LIMIT = 200;

/**
 * The rule the designer is working on, as text: the builder edits it, the preview shows
 * what it does, the upload panel can take it into a rule slot. Every change is undoable,
 * whether it came from a form, the text field or a preset.
 */
interface RuleDraftState {
  text: string;
  /** Earlier texts, oldest first. */
  past: string[];
  /** Texts undone, the next redo last. */
  future: string[];
  /**
   * Replaces the text. `source` names what made the edit (e.g. `text`, `step-2-width`):
   * keystrokes from the same source within a second are undone together; a larger edit
   * (a paste, a preset) is always its own step.
   */
  setText(text: string, source?: string): void;
  undo(): void;
  redo(): void;
}

let last: { source: string; at: number } | undefined;

export const useRuleDraft = create<RuleDraftState>((set, get) => ({
  text: "imageMogr2/thumbnail/800x/format/webp",
  past: [],
  future: [],
  setText: (text, source) => {
    const { text: current, past } = get();
    if (text === current) return;
    const now = Date.now();
    const coalesce =
      source !== undefined &&
      last?.source === source &&
      now - last.at < COALESCE_MS &&
      isKeystroke(current, text);
    last = source === undefined ? undefined : { source, at: now };
    set({ text, future: [], past: coalesce ? past : [...past, current].slice(-HISTORY_LIMIT) });
  },
  undo: () => {
    const { text, past, future } = get();
    const previous = past.at(-1);
    if (previous === undefined) return;
    last = undefined;
    set({ text: previous, past: past.slice(0, -1), future: [...future, text] });
  },
  redo: () => {
    const { text, past, future } = get();
    const next = future.at(-1);
    if (next === undefined) return;
    last = undefined;
    set({ text: next, past: [...past, text], future: future.slice(0, -1) });
  },
}));

/** Whether `after` differs from `before` by at most one character typed, deleted or replaced. */
function isKeystroke(before: string, after: string): boolean {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++;
  return before.length - start - end <= 1 && after.length - start - end <= 1;
}
