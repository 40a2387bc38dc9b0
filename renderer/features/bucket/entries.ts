import type { BucketObject } from "../../../shared/ipc/channels/bucket";

/** What one folder shows: its sub-folders first, then its objects. */
export type BrowseEntry =
  | { kind: "folder"; key: string; name: string }
  | { kind: "object"; key: string; name: string; object: BucketObject };

export type SortKey = "name" | "size" | "date";

export interface EntryOrder {
  sort: SortKey;
  descending: boolean;
  /** Keeps names that start with it, ignoring case. */
  filter: string;
}

/** `shoot/day1/` in `shoot/` is `day1`; `shoot/cat.jpg` is `cat.jpg`. */
export function nameIn(prefix: string, key: string): string {
  const name = key.startsWith(prefix) ? key.slice(prefix.length) : key;
  return name.endsWith("/") ? name.slice(0, -1) : name;
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The folder's entries filtered and sorted; folders stay on top, sorted by name. */
export function visibleEntries(
  prefix: string,
  folders: readonly string[],
  objects: readonly BucketObject[],
  order: EntryOrder,
): BrowseEntry[] {
  const filter = order.filter.toLowerCase();
  const keep = (name: string) => filter === "" || name.toLowerCase().startsWith(filter);
  const folderEntries: BrowseEntry[] = folders
    .map((key) => ({ kind: "folder" as const, key, name: nameIn(prefix, key) }))
    .filter((entry) => keep(entry.name))
    .sort(byName);
  const objectEntries = objects
    .map((object) => ({ kind: "object" as const, key: object.key, name: nameIn(prefix, object.key), object }))
    .filter((entry) => keep(entry.name));
  const compare =
    order.sort === "size"
      ? (a: (typeof objectEntries)[number], b: (typeof objectEntries)[number]) =>
          a.object.size - b.object.size || byName(a, b)
      : order.sort === "date"
        ? (a: (typeof objectEntries)[number], b: (typeof objectEntries)[number]) =>
            Date.parse(a.object.lastModified) - Date.parse(b.object.lastModified) || byName(a, b)
        : byName;
  objectEntries.sort(order.descending ? (a, b) => compare(b, a) : compare);
  return [...folderEntries, ...objectEntries];
}

/** The keys between two entries, inclusive, in the order shown (Shift-click, Shift+arrows). */
export function rangeOfObjects(entries: readonly BrowseEntry[], from: number, to: number): string[] {
  const [start, end] = from <= to ? [from, to] : [to, from];
  return entries
    .slice(start, end + 1)
    .filter((entry) => entry.kind === "object")
    .map((entry) => entry.key);
}
