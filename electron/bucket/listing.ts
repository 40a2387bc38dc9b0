import type { BucketObject } from "../../shared/ipc/channels/bucket";
import type { CosClient } from "../cos/client";
import type { ListBucketResult } from "../cos/xml";

/** One GET Bucket page of a folder, in the browser's terms. */
export interface FolderPage {
  objects: BucketObject[];
  /** Sub-folders (common prefixes, ending in `/`). */
  folders: string[];
  /** The last page of the folder. */
  last: boolean;
}

/** COS's maximum; fewer keys per page would only mean more round trips for a large folder. */
const KEYS_PER_PAGE = 1000;
/**
 * More than any window shows at once. The first screen waits for the first page: a short one
 * is made, parsed, sent and drawn in a fraction of a full page's time, while the next, full
 * page is already being made.
 */
const FIRST_PAGE_KEYS = 100;

/**
 * Lists one folder (delimiter `/`) page by page, handing each page over as soon as it
 * arrives, so the first screen can be drawn long before a 10,000-key folder is complete; the
 * first page is a short one, for that screen.
 * The next page is asked for as soon as this one's NextMarker is read, before its entries
 * are parsed and handed over: COS (or the Local bucket's own process) makes it meanwhile.
 * The folder's own marker object (a zero-byte key equal to the prefix) is left out.
 */
export async function listFolder(
  client: Pick<CosClient, "listObjectPages">,
  input: { bucket: string; prefix: string; signal?: AbortSignal | undefined },
  onPage: (page: FolderPage) => void,
): Promise<void> {
  const pages = client.listObjectPages({
    bucket: input.bucket,
    prefix: input.prefix,
    delimiter: "/",
    maxKeys: KEYS_PER_PAGE,
    firstMaxKeys: FIRST_PAGE_KEYS,
    signal: input.signal,
    readAhead: true,
  });
  for await (const page of pages) onPage(folderPage(page, input.prefix));
}

function folderPage(page: ListBucketResult, prefix: string): FolderPage {
  return {
    objects: page.contents
      .filter((object) => object.key !== prefix)
      .map((object) => ({
        key: object.key,
        size: object.size,
        lastModified: object.lastModified,
        etag: object.etag,
        // COS leaves StorageClass out of some listings; objects are STANDARD unless told.
        storageClass: object.storageClass ?? "STANDARD",
      })),
    folders: page.commonPrefixes,
    last: !page.isTruncated,
  };
}
