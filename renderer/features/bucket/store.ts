import { createStore, type StoreApi } from "zustand/vanilla";
import type { AppError } from "../../../shared/errors";
import { type ApiClient, failureOf } from "../../api";
import { type FolderEntry, type ObjectEntry, pageEntries, type SortKey } from "./entries";

export interface Place {
  bucket: string;
  prefix: string;
}

export interface BrowseState {
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

export type BrowseStore = StoreApi<BrowseState>;

/** Whether writing `object` changes what the folder shows: an object in it, or a folder under it. */
function touchesFolder(place: Place, object: { bucket: string; key: string }): boolean {
  return object.bucket === place.bucket && object.key.startsWith(place.prefix);
}

/**
 * The folder being browsed. The main process lists it and streams pages (`bucket.page`);
 * this mirrors them, so the first screen appears after the first page. A batch or a cloud job
 * that writes into the folder shown lists it again when it ends, so the folder stays true.
 */
export function createBrowseStore(api: ApiClient): BrowseStore {
  const store = createStore<BrowseState>()((set, get) => {
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
        .catch((error: unknown) => set({ listing: false, error: failureOf(error) }));
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
    const state = store.getState();
    if (page.listingId !== state.listingId) return;
    const entries = pageEntries(page.prefix, page.folders, page.objects);
    store.setState({
      folders: entries.folders.length > 0 ? [...state.folders, ...entries.folders] : state.folders,
      objects: entries.objects.length > 0 ? [...state.objects, ...entries.objects] : state.objects,
      listing: !page.done,
      error: page.error,
    });
  });

  // Batches that wrote into the folder shown; it is listed again once such a batch stops.
  const touching = new Set<string>();
  api.on("batches.progress", ({ batch, items }) => {
    const { place } = store.getState();
    if (!place) return;
    const written = items
      .filter((item) => item.state === "done")
      .flatMap((item) => [{ bucket: item.bucket, key: item.originalKey }, ...item.resultKeys]);
    if (written.some((object) => touchesFolder(place, object))) touching.add(batch.id);
    if (batch.state !== "running" && touching.delete(batch.id)) store.getState().refresh();
  });
  api.on("jobs.changed", (job) => {
    const { place } = store.getState();
    const output = job.request?.output;
    if (
      place &&
      output &&
      (job.state === "Success" || job.state === "Failed") &&
      output.bucket === place.bucket
    )
      store.getState().refresh();
  });
  return store;
}
