import { create } from "zustand";
import type { AppError } from "../../../shared/errors";
import { ApiError, api } from "../../api";
import { type FolderEntry, type ObjectEntry, pageEntries, type SortKey } from "./entries";

export interface Place {
  bucket: string;
  prefix: string;
}

interface BrowseState {
  place: Place | undefined;
  /** Places visited, for back and forward; `at` is the current one. */
  history: Place[];
  at: number;
  /** The listing whose pages are shown; pages of any other are stale. */
  listingId: string;
  /** As listed (in key order), each made into an entry once, when its page arrives. */
  folders: FolderEntry[];
  objects: ObjectEntry[];
  listing: boolean;
  /** The listing was stopped before its last page (the designer left the tab). */
  interrupted: boolean;
  error: AppError | undefined;

  view: "grid" | "list";
  sort: SortKey;
  descending: boolean;
  filter: string;

  selected: ReadonlySet<string>;
  /** Where Shift-selection starts. */
  anchor: string | undefined;
  /** The entry the keyboard is on; its details are shown. */
  focused: string | undefined;

  open(place: Place): void;
  back(): void;
  forward(): void;
  refresh(): void;
  stop(): Promise<void>;
  setOrder(patch: Partial<Pick<BrowseState, "view" | "sort" | "descending" | "filter">>): void;
  setSelection(selected: ReadonlySet<string>, anchor?: string): void;
  focus(key: string | undefined): void;
}

const errorOf = (error: unknown): AppError =>
  error instanceof ApiError ? error.error : { code: "internal", message: String(error) };

/**
 * The folder being browsed. The main process lists it and streams pages (`bucket.page`);
 * this mirrors them, so the first screen appears after the first page.
 */
export const useBrowse = create<BrowseState>((set, get) => {
  const list = (place: Place, history: Place[], at: number) => {
    const listingId = crypto.randomUUID();
    set({
      place,
      history,
      at,
      listingId,
      folders: [],
      objects: [],
      listing: true,
      interrupted: false,
      error: undefined,
      selected: new Set(),
      anchor: undefined,
      focused: undefined,
    });
    api
      .call("bucket.browse", { listingId, ...place })
      .catch((error: unknown) => set({ listing: false, error: errorOf(error) }));
  };
  return {
    place: undefined,
    history: [],
    at: -1,
    listingId: "",
    folders: [],
    objects: [],
    listing: false,
    interrupted: false,
    error: undefined,
    view: "grid",
    sort: "name",
    descending: false,
    filter: "",
    selected: new Set(),
    anchor: undefined,
    focused: undefined,

    open(place) {
      const { history, at } = get();
      list(place, [...history.slice(0, at + 1), place], at + 1);
      set({ filter: "" });
    },
    back() {
      const { history, at } = get();
      const place = history[at - 1];
      if (place) list(place, history, at - 1);
    },
    forward() {
      const { history, at } = get();
      const place = history[at + 1];
      if (place) list(place, history, at + 1);
    },
    refresh() {
      const { place, history, at } = get();
      if (place) list(place, history, at);
    },
    async stop() {
      set({ listing: false, interrupted: true });
      await api.call("bucket.stopBrowsing", { listingId: get().listingId });
    },
    setOrder(patch) {
      set(patch);
    },
    setSelection(selected, anchor) {
      set(anchor === undefined ? { selected } : { selected, anchor });
    },
    focus(focused) {
      set({ focused });
    },
  };
});

api.on("bucket.page", (page) => {
  const state = useBrowse.getState();
  if (page.listingId !== state.listingId) return;
  const entries = pageEntries(page.prefix, page.folders, page.objects);
  useBrowse.setState({
    folders: entries.folders.length > 0 ? [...state.folders, ...entries.folders] : state.folders,
    objects: entries.objects.length > 0 ? [...state.objects, ...entries.objects] : state.objects,
    listing: !page.done,
    error: page.error,
  });
});
