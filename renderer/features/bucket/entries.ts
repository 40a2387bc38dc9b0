import type { BucketObject } from "../../../shared/ipc/channels/bucket";

/** What one folder shows: its sub-folders first, then its objects. */
export type FolderEntry = { kind: "folder"; key: string; name: string };
export type ObjectEntry = { kind: "object"; key: string; name: string; object: BucketObject };
export type BrowseEntry = FolderEntry | ObjectEntry;

export type SortKey = "name" | "size" | "date" | "pixels";

export interface EntryOrder {
  sort: SortKey;
  descending: boolean;
  /** Keeps names that start with it, ignoring case. */
  filter: string;
  /** An object's pixel count where known, for sorting by pixels; unknown sizes sort first. */
  pixelsOf?: (entry: ObjectEntry) => number | undefined;
}

/** `shoot/day1/` in `shoot/` is `day1`; `shoot/cat.jpg` is `cat.jpg`. */
export function nameIn(prefix: string, key: string): string {
  const name = key.startsWith(prefix) ? key.slice(prefix.length) : key;
  return name.endsWith("/") ? name.slice(0, -1) : name;
}

/** One listing page's entries, made once when the page arrives rather than on every render. */
export function pageEntries(
  prefix: string,
  folders: readonly string[],
  objects: readonly BucketObject[],
): { folders: FolderEntry[]; objects: ObjectEntry[] } {
  return {
    folders: folders.map((key) => ({ kind: "folder", key, name: nameIn(prefix, key) })),
    objects: objects.map((object) => ({
      kind: "object",
      key: object.key,
      name: nameIn(prefix, object.key),
      object,
    })),
  };
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function inOrder<T>(entries: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let index = 1; index < entries.length; index++) {
    if (compare(entries[index - 1] as T, entries[index] as T) > 0) return false;
  }
  return true;
}

/**
 * Sorted copy, skipping the sort when the entries already are in order: COS lists keys by
 * name, so while pages of a 10,000-key folder arrive the default order costs one pass,
 * not a sort of everything listed so far on every page.
 */
function sorted<T>(entries: readonly T[], compare: (a: T, b: T) => number): T[] {
  return inOrder(entries, compare) ? [...entries] : [...entries].sort(compare);
}

/** The folder's entries filtered and sorted; folders stay on top, sorted by name. */
export function visibleEntries(
  folders: readonly FolderEntry[],
  objects: readonly ObjectEntry[],
  order: EntryOrder,
): BrowseEntry[] {
  const filter = order.filter.toLowerCase();
  const keep = (entry: BrowseEntry) => entry.name.toLowerCase().startsWith(filter);
  const shownFolders = filter === "" ? folders : folders.filter(keep);
  const shownObjects = filter === "" ? objects : objects.filter(keep);
  // Parsed once per entry, not twice per comparison.
  const times =
    order.sort === "date"
      ? new Map(shownObjects.map((entry) => [entry, Date.parse(entry.object.lastModified)]))
      : undefined;
  const pixels =
    order.sort === "pixels"
      ? new Map(shownObjects.map((entry) => [entry, order.pixelsOf?.(entry) ?? -1]))
      : undefined;
  const compare =
    order.sort === "size"
      ? (a: ObjectEntry, b: ObjectEntry) => a.object.size - b.object.size || byName(a, b)
      : pixels
        ? (a: ObjectEntry, b: ObjectEntry) => (pixels.get(a) ?? -1) - (pixels.get(b) ?? -1) || byName(a, b)
        : times
          ? (a: ObjectEntry, b: ObjectEntry) => (times.get(a) ?? 0) - (times.get(b) ?? 0) || byName(a, b)
          : byName;
  return [
    ...sorted(shownFolders, byName),
    ...sorted(shownObjects, order.descending ? (a, b) => compare(b, a) : compare),
  ];
}

/** The keys between two entries, inclusive, in the order shown (Shift-click, Shift+arrows). */
export function rangeOfObjects(entries: readonly BrowseEntry[], from: number, to: number): string[] {
  const [start, end] = from <= to ? [from, to] : [to, from];
  return entries
    .slice(start, end + 1)
    .filter((entry) => entry.kind === "object")
    .map((entry) => entry.key);
}
