import { isImageKey } from "../../shared/images/image-keys";
import type { ObjectSelection } from "../../shared/ipc/channels/uploads";
import type { CosClient } from "../cos/client";

/**
 * The objects a selection stands for. A prefix is listed in full; folder markers and keys
 * that are not images by name are left out and reported, since COS would refuse them.
 */
export async function resolveSelection(
  client: Pick<CosClient, "listObjectPages">,
  selection: ObjectSelection,
  signal?: AbortSignal,
): Promise<{ objects: { bucket: string; key: string; size?: number }[]; skipped: string[] }> {
  const keys = new Set(selection.keys ?? []);
  // What a listing says of each object's size, for the plan's checks; named keys are not listed.
  const sizes = new Map<string, number>();
  if (selection.prefix !== undefined) {
    for await (const page of client.listObjectPages({
      bucket: selection.bucket,
      prefix: selection.prefix,
      signal,
    })) {
      for (const object of page.contents) {
        keys.add(object.key);
        sizes.set(object.key, object.size);
      }
    }
  }
  const objects: { bucket: string; key: string; size?: number }[] = [];
  const skipped: string[] = [];
  for (const key of [...keys].sort()) {
    const size = sizes.get(key);
    if (key.endsWith("/") || !isImageKey(key)) skipped.push(key);
    else
      objects.push(
        size === undefined ? { bucket: selection.bucket, key } : { bucket: selection.bucket, key, size },
      );
  }
  return { objects, skipped };
}
