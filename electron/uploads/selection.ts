import { isImageKey } from "../../shared/images/image-keys";
import type { ObjectSelection } from "../../shared/ipc/channels/uploads";
import type { CosClient } from "../cos/client";

export interface SelectedObject {
  bucket: string;
  key: string;
  /** From the listing: known for the objects under a prefix, not for keys named one by one. */
  size?: number;
  etag?: string;
}

/**
 * The objects a selection stands for. A prefix is listed in full; folder markers and keys
 * that are not images by name are left out and reported, since COS would refuse them.
 */
export async function resolveSelection(
  client: Pick<CosClient, "listObjectPages">,
  selection: ObjectSelection,
  signal?: AbortSignal,
): Promise<{ objects: SelectedObject[]; skipped: string[] }> {
  const keys = new Set(selection.keys ?? []);
  // What a listing says of each object, for the plan's checks; named keys are not listed.
  const listed = new Map<string, { size: number; etag: string }>();
  if (selection.prefix !== undefined) {
    for await (const page of client.listObjectPages({
      bucket: selection.bucket,
      prefix: selection.prefix,
      signal,
    })) {
      for (const object of page.contents) {
        keys.add(object.key);
        listed.set(object.key, { size: object.size, etag: object.etag });
      }
    }
  }
  const objects: SelectedObject[] = [];
  const skipped: string[] = [];
  for (const key of [...keys].sort()) {
    if (key.endsWith("/") || !isImageKey(key)) skipped.push(key);
    else objects.push({ bucket: selection.bucket, key, ...listed.get(key) });
  }
  return { objects, skipped };
}
