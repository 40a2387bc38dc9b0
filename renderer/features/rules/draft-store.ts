import { createStore, type StoreApi } from "zustand/vanilla";

/** Keystrokes from the same source this close together are one step of undo (typing a word). */
const COALESCE_MS = 1000;
const HISTORY_LIMIT = 200;

/**
 * The rule the designer is working on, as text: the builder edits it, the preview shows
 * what it does, the upload panel can take it into a rule slot. Every change is undoable,
 * whether it came from a form, the text field or a preset.
 */
export interface RuleDraftState {
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

export type RuleDraftStore = StoreApi<RuleDraftState>;

/** What the builder shows in a new window. */
const FIRST_DRAFT = "imageMogr2/thumbnail/800x/format/webp";

export function createRuleDraftStore(text = FIRST_DRAFT): RuleDraftStore {
  /** The last edit that could be coalesced with the next: its source and when it was made. */
  let last: { source: string; at: number } | undefined;
  return createStore<RuleDraftState>()((set, get) => ({
    text,
    past: [],
    future: [],
    setText: (next, source) => {
      const { text: current, past } = get();
      if (next === current) return;
      const now = Date.now();
      const coalesce =
        source !== undefined &&
        last?.source === source &&
        now - last.at < COALESCE_MS &&
        isKeystroke(current, next);
      last = source === undefined ? undefined : { source, at: now };
      set({ text: next, future: [], past: coalesce ? past : [...past, current].slice(-HISTORY_LIMIT) });
    },
    undo: () => {
      const { text: current, past, future } = get();
      const previous = past.at(-1);
      if (previous === undefined) return;
      last = undefined;
      set({ text: previous, past: past.slice(0, -1), future: [...future, current] });
    },
    redo: () => {
      const { text: current, past, future } = get();
      const next = future.at(-1);
      if (next === undefined) return;
      last = undefined;
      set({ text: next, past: [...past, current], future: future.slice(0, -1) });
    },
  }));
}

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
