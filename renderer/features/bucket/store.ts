import { createStore, type StoreApi } from "zustand/vanilla";
import { objectsOfColumns } from "../../../shared/bucket/object-columns";
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
  /**
   * The entries shown are this folder's complete listing from an earlier visit; a fresh
   * listing is under way and replaces them, differences and all, once it is complete.
   */
  refreshing: boolean;
  /** Entries the fresh listing behind a held one has gathered so far, for the status line. */
  refreshed: number;
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
  /** The connection whose buckets are browsed: another's bucket of the same name is another bucket, so what was held goes. */
  browsingWith(connectionId: string): void;
  /** Objects just deleted: gone from the folder shown and from every listing held, before the folder is listed again. */
  deleted(bucket: string, keys: readonly string[]): void;
  stop(): Promise<void>;
  setOrder(patch: Partial<Pick<BrowseState, "view" | "sort" | "descending" | "filter">>): void;
  setSelection(selected: ReadonlySet<string>, anchor?: string): void;
  focus(key: string | undefined): void;
}

export type BrowseStore = StoreApi<BrowseState>;

/** Complete listings held for going back to a folder; a few, as one folder may hold 10,000 objects. */
const HELD_LISTINGS = 8;

interface HeldListing {
  folders: FolderEntry[];
  objects: ObjectEntry[];
}

const placeId = (place: Place) => `${place.bucket}\u0000${place.prefix}`;
const placeOf = (id: string): Place => {
  const [bucket = "", prefix = ""] = id.split("\u0000");
  return { bucket, prefix };
};

/** Whether writing `object` changes what the folder shows: an object in it, or a folder under it. */
function touchesFolder(place: Place, object: { bucket: string; key: string }): boolean {
  return object.bucket === place.bucket && object.key.startsWith(place.prefix);
}

/**
 * The folder being browsed. The main process lists it and streams pages (`bucket.page`);
 * this mirrors them, so the first screen appears after the first page. A folder listed to
 * the end before is shown at once from that listing while it is listed afresh. A batch or a
 * cloud job that writes into the folder shown lists it again when it ends, so the folder stays true.
 */
export function createBrowseStore(api: ApiClient): BrowseStore {
  // Folders listed to the end, most recently completed last: a folder opened again is shown
  // from here at once while its fresh listing runs.
  const held = new Map<string, HeldListing>();
  let heldFor: string | undefined;
  // A refresh's pages, gathered out of sight: the folder shown never shrinks to its first page.
  let fresh: HeldListing = { folders: [], objects: [] };
  const store = createStore<BrowseState>()((set, get) => {
    const list = (place: Place, history: Place[], at: number) => {
      const listingId = crypto.randomUUID();
      const shown = held.get(placeId(place));
      fresh = { folders: [], objects: [] };
      set({
        place,
        history,
        at,
        listingId,
        folders: shown?.folders ?? [],
        objects: shown?.objects ?? [],
        listing: true,
        refreshing: shown !== undefined,
        refreshed: 0,
        interrupted: false,
        error: undefined,
        selected: new Set(),
        anchor: undefined,
        focused: undefined,
      });
      api
        .call("bucket.browse", { listingId, ...place })
        .catch((error: unknown) => set({ listing: false, refreshing: false, error: failureOf(error) }));
    };
    return {
      place: undefined,
      history: [],
      at: -1,
      listingId: "",
      folders: [],
      objects: [],
      listing: false,
      refreshing: false,
      refreshed: 0,
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
      browsingWith(connectionId) {
        if (heldFor !== connectionId) held.clear();
        heldFor = connectionId;
      },
      deleted(bucket, keys) {
        const gone = new Set(keys);
        const keep = (entry: ObjectEntry) => !gone.has(entry.key);
        for (const [id, listing] of held) {
          if (placeOf(id).bucket === bucket)
            held.set(id, { ...listing, objects: listing.objects.filter(keep) });
        }
        const { place, objects } = get();
        if (place?.bucket === bucket) set({ objects: objects.filter(keep) });
      },
      async stop() {
        set({ listing: false, refreshing: false, interrupted: true });
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
    // A page still on its way when the listing was stopped belongs to no listing shown.
    if (page.listingId !== state.listingId || !state.listing) return;
    const entries = pageEntries(page.prefix, page.folders, objectsOfColumns(page.objects));
    const gathered = state.refreshing ? fresh : state;
    const folders = entries.folders.length > 0 ? [...gathered.folders, ...entries.folders] : gathered.folders;
    const objects = entries.objects.length > 0 ? [...gathered.objects, ...entries.objects] : gathered.objects;
    const complete = page.done && !page.error;
    if (complete) hold(held, { bucket: page.bucket, prefix: page.prefix }, { folders, objects });
    if (state.refreshing && !page.done) {
      fresh = { folders, objects };
      store.setState({ refreshed: folders.length + objects.length });
      return;
    }
    // A refresh that failed leaves the earlier listing on screen, under its error.
    const shown = state.refreshing && !complete ? state : { folders, objects };
    store.setState({
      folders: shown.folders,
      objects: shown.objects,
      listing: !page.done,
      refreshing: false,
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

function hold(held: Map<string, HeldListing>, place: Place, listing: HeldListing): void {
  const id = placeId(place);
  held.delete(id);
  held.set(id, listing);
  for (const oldest of held.keys()) {
    if (held.size <= HELD_LISTINGS) break;
    held.delete(oldest);
  }
}
