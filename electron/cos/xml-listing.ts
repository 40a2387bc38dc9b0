import { decodeText } from "./xml-scan";

/**
 * The entries of a GET Bucket page read by one native regular expression each, where the
 * element scanner walks them a character at a time in JavaScript: a folder of 10,000 objects
 * is ten such pages, read while the designer waits for the grid, mostly by a process that has
 * not yet warmed up, where the scanner spends 10–20 ms on a page and this 2–4 ms.
 * Only entries written exactly as COS writes them are read here: its elements in its order,
 * each at most once, whitespace between them allowed. Anything else (another element, an
 * attribute, a self-closing tag, a comment) ends the run of entries; if entries remain after
 * it, the whole page goes to the scanner and the general parser as before.
 */

/** One `<Contents>`, its leaves as written (entities decoded), before any percent-decoding. */
export interface ListingEntry {
  key: string | undefined;
  lastModified: string | undefined;
  etag: string | undefined;
  size: string | undefined;
  storageClass: string | undefined;
}

export interface ListingEntries {
  contents: ListingEntry[];
  /** Each `<CommonPrefixes>`'s `<Prefix>`, as written (entities decoded). */
  commonPrefixes: (string | undefined)[];
  /** The document with its entries cut out: the page's own elements, for the general reader. */
  shell: string;
}

const leaf = (name: string) => `(?:<${name}>([^<]*)</${name}>\\s*)?`;
const ENTRY = new RegExp(
  "\\s*(?:" +
    `(<Contents>)\\s*${leaf("Key")}${leaf("LastModified")}${leaf("ETag")}${leaf("Size")}` +
    "(?:<Owner>\\s*(?:<ID>[^<]*</ID>\\s*)?(?:<DisplayName>[^<]*</DisplayName>\\s*)?</Owner>\\s*)?" +
    `${leaf("StorageClass")}</Contents>` +
    `|<CommonPrefixes>\\s*${leaf("Prefix")}</CommonPrefixes>` +
    ")",
  "y",
);

const ENTRY_START = /<(?:Contents|CommonPrefixes)[\s/>]/;

/**
 * The page's entries and the rest of it, or undefined when its entries are not all in one run
 * written as COS writes them (the caller then reads the whole page the general way).
 */
export function readListingEntries(xml: string): ListingEntries | undefined {
  const first = xml.search(ENTRY_START);
  if (first === -1) return { contents: [], commonPrefixes: [], shell: xml };
  const contents: ListingEntry[] = [];
  const commonPrefixes: (string | undefined)[] = [];
  let decodable = true;
  const decoded = (raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const text = decodeText(raw);
    if (text === undefined) decodable = false;
    return text;
  };
  let end = first;
  ENTRY.lastIndex = first;
  for (let match = ENTRY.exec(xml); match !== null; match = ENTRY.exec(xml)) {
    end = ENTRY.lastIndex;
    const [, isContents, key, lastModified, etag, size, storageClass, prefix] = match;
    if (isContents !== undefined) {
      contents.push({
        key: decoded(key),
        lastModified: decoded(lastModified),
        etag: decoded(etag),
        size: decoded(size),
        storageClass: decoded(storageClass),
      });
    } else commonPrefixes.push(decoded(prefix));
  }
  const shell = xml.slice(0, first) + xml.slice(end);
  if (!decodable || ENTRY_START.test(shell)) return undefined;
  return { contents, commonPrefixes, shell };
}
