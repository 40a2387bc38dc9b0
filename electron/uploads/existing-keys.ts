import type { PlannedUpload } from "../../shared/uploads/plan";
import type { CosClient } from "../cos/client";

/** Beyond this many listed keys, the remaining targets are checked one by one instead. */
const LISTING_BUDGET = 20_000;

/**
 * Which of a plan's keys already exist: one listing per bucket under the keys' common
 * prefix (cheap for the usual batch that lands in one folder), HEAD requests when a
 * listing would be too long.
 */
export async function existingKeys(
  client: Pick<CosClient, "listObjectPages" | "headObject">,
  plans: PlannedUpload[],
  signal?: AbortSignal,
): Promise<(bucket: string, key: string) => boolean> {
  const wanted = new Map<string, Set<string>>();
  for (const plan of plans) {
    for (const target of [{ bucket: plan.bucket, key: plan.originalKey }, ...plan.results]) {
      const keys = wanted.get(target.bucket) ?? new Set<string>();
      wanted.set(target.bucket, keys);
      keys.add(target.key);
    }
  }
  const found = new Set<string>();
  const id = (bucket: string, key: string) => `${bucket}\u0000${key}`;
  for (const [bucket, keys] of wanted) {
    const listed = await listUnder(client, bucket, commonPrefix([...keys]), signal);
    if (listed) {
      for (const key of keys) if (listed.has(key)) found.add(id(bucket, key));
      continue;
    }
    for (const key of keys) {
      const exists = await client.headObject({ bucket, key, signal }).then(
        () => true,
        (error: { status?: number }) => {
          if (error.status === 404) return false;
          throw error;
        },
      );
      if (exists) found.add(id(bucket, key));
    }
  }
  return (bucket, key) => found.has(id(bucket, key));
}

async function listUnder(
  client: Pick<CosClient, "listObjectPages">,
  bucket: string,
  prefix: string,
  signal?: AbortSignal,
): Promise<Set<string> | undefined> {
  const keys = new Set<string>();
  for await (const page of client.listObjectPages({ bucket, prefix, signal })) {
    for (const object of page.contents) keys.add(object.key);
    if (keys.size > LISTING_BUDGET) return undefined;
  }
  return keys;
}

export function commonPrefix(keys: string[]): string {
  if (keys.length === 0) return "";
  let prefix = keys[0] ?? "";
  for (const key of keys) {
    while (!key.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}
