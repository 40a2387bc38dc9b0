import type { CosClient } from "../cos/client";

/** Objects picked in the bucket browser: some keys, or everything under a prefix. */
export interface ObjectSelection {
  bucket: string;
  keys?: string[] | undefined;
  prefix?: string | undefined;
}

const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp|bmp|avif|heic|heif|tiff?)$/i;

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
    if (key.endsWith("/") || !IMAGE_EXTENSION.test(key)) skipped.push(key);
    else objects.push({ bucket: selection.bucket, key });
  }
  return { objects, skipped };
}
