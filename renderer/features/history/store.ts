import { createStore, type StoreApi } from "zustand/vanilla";
import type { AppError } from "../../../shared/errors";
import type { HistoryEntryView, HistoryObject, HistoryQuery } from "../../../shared/history/history";
import { type ApiClient, failureOf } from "../../api";

/** What the search form holds: the text, and days as `<input type="date">` writes them (`2026-12-03`). */
export interface HistoryFilter {
  text: string;
  from: string;
  to: string;
}

/** The query for the main process: whole local days, from the first moment of `from` to the last of `to`. */
export function queryOf(filter: HistoryFilter): HistoryQuery {
  const day = (value: string, time: string) =>
    value ? new Date(`${value}T${time}`).toISOString() : undefined;
  const from = day(filter.from, "00:00:00");
  const to = day(filter.to, "23:59:59.999");
  return {
    ...(filter.text.trim() ? { text: filter.text.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

export type RemovalOutcome = { removed: number; failed: number };

export interface HistoryState {
  filter: HistoryFilter;
  entries: HistoryEntryView[];
  selected: string[];
  /** Removing with objects waits for the designer to confirm this exact list. */
  confirming: { entryIds: string[]; objects: HistoryObject[] } | undefined;
  lastRemoval: RemovalOutcome | undefined;
  error: AppError | undefined;

  setFilter(patch: Partial<HistoryFilter>): void;
  search(): Promise<void>;
  setSelected(ids: string[]): void;
  /** Without objects: removes the entries at once. With: asks what would be deleted, to confirm. */
  remove(withObjects: boolean): Promise<void>;
  confirmRemoval(): Promise<void>;
  cancelRemoval(): void;
}

export type HistoryStore = StoreApi<HistoryState>;

/** The History tab: search the main process's history, and remove entries (with their objects, once confirmed). */
export function createHistoryStore(api: ApiClient): HistoryStore {
  return createStore<HistoryState>()((set, get) => {
    const attempt = async (call: () => Promise<void>) => {
      set({ error: undefined });
      try {
        await call();
      } catch (error) {
        set({ error: failureOf(error) });
      }
    };
    const removeEntries = async (entryIds: string[], deleteObjects?: HistoryObject[]) => {
      const { removed, outcome } = await api.call("history.remove", {
        entryIds,
        ...(deleteObjects ? { deleteObjects } : {}),
      });
      set({
        lastRemoval: { removed: removed.length, failed: outcome?.failed.length ?? 0 },
        selected: get().selected.filter((id) => !removed.includes(id)),
        confirming: undefined,
      });
      await get().search();
    };
    return {
      filter: { text: "", from: "", to: "" },
      entries: [],
      selected: [],
      confirming: undefined,
      lastRemoval: undefined,
      error: undefined,

      setFilter: (patch) => set({ filter: { ...get().filter, ...patch } }),

      search: () =>
        attempt(async () => {
          const { entries } = await api.call("history.search", { query: queryOf(get().filter) });
          const shown = new Set(entries.map((entry) => entry.id));
          set({ entries, selected: get().selected.filter((id) => shown.has(id)) });
        }),

      setSelected: (selected) => set({ selected }),

      remove: (withObjects) =>
        attempt(async () => {
          const entryIds = get().selected;
          if (entryIds.length === 0) return;
          set({ lastRemoval: undefined });
          if (!withObjects) return removeEntries(entryIds);
          const { objects } = await api.call("history.objectsToDelete", { entryIds });
          set({ confirming: { entryIds, objects } });
        }),

      confirmRemoval: () =>
        attempt(async () => {
          const confirming = get().confirming;
          if (confirming) await removeEntries(confirming.entryIds, confirming.objects);
        }),

      cancelRemoval: () => set({ confirming: undefined }),
    };
  });
}
