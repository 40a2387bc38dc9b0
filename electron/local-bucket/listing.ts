import { compareKeys, lowerBound } from "./keys";

/** GET Bucket (List Objects v1) parameters, already decoded and range-checked. */
export interface ListQuery {
  prefix: string;
  delimiter: string;
  /** Exclusive: listing starts after this key or common prefix. */
  marker: string;
  maxKeys: number;
}

export interface ListPage {
  keys: string[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix returned; set only when truncated. */
  nextMarker: string | undefined;
}

/**
 * One page of a v1 listing over keys sorted by `compareKeys` (reference §3): keys sharing
 * the part of their name up to the first delimiter after `prefix` roll into one common
 * prefix, and keys and common prefixes together count towards `maxKeys`.
 */
export function listPage(sorted: readonly string[], query: ListQuery): ListPage {
  const { prefix, delimiter, marker } = query;
  const page: ListPage = { keys: [], commonPrefixes: [], isTruncated: false, nextMarker: undefined };
  let last = marker;
  let index =
    compareKeys(marker, prefix) >= 0 ? lowerBound(sorted, marker, true) : lowerBound(sorted, prefix);
  while (index < sorted.length) {
    const key = sorted[index] as string;
    if (!key.startsWith(prefix)) break;
    const cut = delimiter === "" ? -1 : key.indexOf(delimiter, prefix.length);
    const rolled = cut >= 0;
    const entry = rolled ? key.slice(0, cut + delimiter.length) : key;
    // A marker that is itself a common prefix (the previous page's NextMarker) must not
    // bring that prefix back, though its keys sort after it.
    if (rolled && compareKeys(entry, last) <= 0) {
      index++;
      continue;
    }
    if (page.keys.length + page.commonPrefixes.length >= query.maxKeys) {
      page.isTruncated = true;
      break;
    }
    if (!rolled) page.keys.push(key);
    else page.commonPrefixes.push(entry);
    last = entry;
    index++;
  }
  if (page.isTruncated) page.nextMarker = last;
  return page;
}
