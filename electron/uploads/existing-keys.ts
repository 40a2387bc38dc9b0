import type { PlannedUpload } from "../../shared/uploads/plan";
import type { CosClient } from "../cos/client";

/** Beyond this many listed keys, the remaining targets are checked one by one instead. */
const LISTING_BUDGET = 20_000;

/** What the plan needs of an object already at a key: its ETag, the MD5 of a simple upload, and its size. */
export interface ExistingObject {
  etag: string;
  size: number;
}

export type ExistingObjects = (bucket: string, key: string) => ExistingObject | undefined;

/**
 * Which of a plan's keys already exist, with their ETags: one listing per bucket under the
 * keys' common prefix (cheap for the usual batch that lands in one folder), HEAD requests
 * when a listing would be too long.
 */
export async function existingObjects(
  client: Pick<CosClient, "listObjectPages" | "headObject">,
  plans: PlannedUpload[],
  signal?: AbortSignal,
  which: "all" | "originals" = "all",
): Promise<ExistingObjects> {
  const wanted = new Map<string, Set<string>>();
  for (const plan of plans) {
    const targets = [
      { bucket: plan.bucket, key: plan.originalKey },
      ...(which === "all" ? plan.results : []),
    ];
    for (const target of targets) {
      const keys = wanted.get(target.bucket) ?? new Set<string>();
      wanted.set(target.bucket, keys);
      keys.add(target.key);
    }
  }
  const found = new Map<string, ExistingObject>();
  const id = (bucket: string, key: string) => `${bucket}\u0000${key}`;
  for (const [bucket, keys] of wanted) {
    const listed = await listUnder(client, bucket, commonPrefix([...keys]), signal);
    if (listed) {
      for (const key of keys) {
        const object = listed.get(key);
        if (object) found.set(id(bucket, key), object);
      }
      continue;
    }
    for (const key of keys) {
      const object = await client.headObject({ bucket, key, signal }).then(
        (metadata) => ({ etag: metadata.etag ?? "", size: metadata.contentLength }),
        (error: { status?: number }) => {
          if (error.status === 404) return undefined;
          throw error;
        },
      );
      if (object) found.set(id(bucket, key), object);
    }
  }
  return (bucket, key) => found.get(id(bucket, key));
}

async function listUnder(
  client: Pick<CosClient, "listObjectPages">,
  bucket: string,
  prefix: string,
  signal?: AbortSignal,
): Promise<Map<string, ExistingObject> | undefined> {
  const objects = new Map<string, ExistingObject>();
  for await (const page of client.listObjectPages({ bucket, prefix, signal })) {
    for (const object of page.contents) objects.set(object.key, { etag: object.etag, size: object.size });
    if (objects.size > LISTING_BUDGET) return undefined;
  }
  return objects;
}

export function commonPrefix(keys: string[]): string {
  if (keys.length === 0) return "";
  let prefix = keys[0] ?? "";
  for (const key of keys) {
    while (!key.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}
