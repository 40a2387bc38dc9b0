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
): Promise<{ objects: { bucket: string; key: string }[]; skipped: string[] }> {
  const keys = new Set(selection.keys ?? []);
  if (selection.prefix !== undefined) {
    for await (const page of client.listObjectPages({
      bucket: selection.bucket,
      prefix: selection.prefix,
      signal,
    })) {
      for (const object of page.contents) keys.add(object.key);
    }
  }
  const objects: { bucket: string; key: string }[] = [];
  const skipped: string[] = [];
  for (const key of [...keys].sort()) {
    if (key.endsWith("/") || !isImageKey(key)) skipped.push(key);
    else objects.push({ bucket: selection.bucket, key });
  }
  return { objects, skipped };
}
