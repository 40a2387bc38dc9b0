import type { BucketObject } from "../../shared/ipc/channels/bucket";
import type { CosClient } from "../cos/client";

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
 * Lists one folder (delimiter `/`) page by page, handing each page over as soon as it
 * arrives, so the first screen can be drawn long before a 10,000-key folder is complete.
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
    signal: input.signal,
  });
  for await (const page of pages) {
    onPage({
      objects: page.contents
        .filter((object) => object.key !== input.prefix)
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
    });
  }
}
