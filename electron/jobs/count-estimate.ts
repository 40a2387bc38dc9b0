import type { CountEstimate } from "../../shared/cos/ci-jobs";
import type { CosClient } from "../cos/client";

/**
 * How many objects a prefix too big to list holds, by stratified sampling over its
 * sub-folders. A listing is sorted, so the keys listed before the plan stopped counting fill
 * the first sub-folders completely: those are counted exactly. Of the sub-folders after them,
 * an evenly spaced sample is counted in full, and their mean stands for the others. Objects
 * directly under the prefix are counted by a listing with a delimiter. When that cannot be done
 * within bounded requests (a flat folder of tens of thousands, a sampled sub-folder itself
 * too big to count), there is no estimate and the plan says "at least".
 */

export interface EstimateLimits {
  /** Sub-folders counted in full at most. */
  sampledFolders: number;
  /** A sampled sub-folder holding more keys than this leaves the prefix without an estimate. */
  folderKeys: number;
  /** Entries (objects and sub-folders) read from the listing with a delimiter at most. */
  delimitedEntries: number;
}

export const DEFAULT_ESTIMATE_LIMITS: EstimateLimits = {
  sampledFolders: 20,
  folderKeys: 10_000,
  delimitedEntries: 10_000,
};

export interface SampleCounts {
  /** Objects directly under the prefix, counted. */
  direct: number;
  /** Sub-folders counted exactly from the first listing. */
  censused: readonly number[];
  /** Sub-folders not in `censused`; `sample` was drawn from them. */
  remaining: number;
  sample: readonly number[];
}

/** 1.96 standard errors: a 95 % interval under the normal approximation. */
const Z95 = 1.96;

/**
 * The stratified estimate: the counted parts plus `remaining` times the sample's mean, and the
 * margin from the sample's variance with the finite population correction (a sample of every
 * remaining sub-folder has no error). One sampled folder of several gives no variance: its
 * margin is the whole extrapolated part.
 */
export function estimateFromSample(counts: SampleCounts): { total: number; margin: number } {
  const counted = counts.direct + counts.censused.reduce((sum, count) => sum + count, 0);
  const m = counts.sample.length;
  if (m === 0 || counts.remaining === 0) return { total: counted, margin: 0 };
  const mean = counts.sample.reduce((sum, count) => sum + count, 0) / m;
  const extrapolated = counts.remaining * mean;
  const total = Math.round(counted + extrapolated);
  if (m >= counts.remaining) return { total, margin: 0 };
  if (m === 1) return { total, margin: Math.ceil(extrapolated) };
  const variance = counts.sample.reduce((sum, count) => sum + (count - mean) ** 2, 0) / (m - 1);
  const standardError = counts.remaining * Math.sqrt((1 - m / counts.remaining) * (variance / m));
  return { total, margin: Math.ceil(Z95 * standardError) };
}

/** `count` positions spread evenly over `length`, each from the middle of its stretch. */
export function evenlySpaced(length: number, count: number): number[] {
  const taken = Math.min(length, count);
  return Array.from({ length: taken }, (_, i) => Math.floor(((i + 0.5) * length) / taken));
}

export interface PrefixListing {
  cos: Pick<CosClient, "listObjects">;
  bucket: string;
  region: string;
  prefix: string;
  signal?: AbortSignal | undefined;
}

function where(listing: PrefixListing, prefix: string) {
  return { bucket: listing.bucket, region: listing.region, prefix, signal: listing.signal };
}

/** Objects and sub-folders directly under the prefix; undefined past `limit` entries. */
async function delimitedListing(
  listing: PrefixListing,
  limit: number,
): Promise<{ direct: number; folders: string[] } | undefined> {
  let direct = 0;
  const folders: string[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await listing.cos.listObjects({ ...where(listing, listing.prefix), delimiter: "/", marker });
    direct += page.contents.filter((object) => !object.key.endsWith("/")).length;
    folders.push(...page.commonPrefixes);
    if (!page.isTruncated) return { direct, folders };
    if (direct + folders.length >= limit || page.nextMarker === undefined) return undefined;
    marker = page.nextMarker;
  }
}

/** Keys under a sub-folder; undefined past `limit`. */
async function folderCount(
  listing: PrefixListing,
  folder: string,
  limit: number,
): Promise<number | undefined> {
  let count = 0;
  let marker: string | undefined;
  for (;;) {
    const page = await listing.cos.listObjects({ ...where(listing, folder), marker });
    count += page.contents.filter((object) => !object.key.endsWith("/")).length;
    if (!page.isTruncated) return count;
    if (count >= limit || page.nextMarker === undefined) return undefined;
    marker = page.nextMarker;
  }
}

/** `listed`: the keys under the prefix from its start, sorted as COS lists them, not to its end. */
export async function estimatePrefixCount(
  listing: PrefixListing,
  listed: readonly string[],
  limits: EstimateLimits = DEFAULT_ESTIMATE_LIMITS,
): Promise<CountEstimate | undefined> {
  const tree = await delimitedListing(listing, limits.delimitedEntries);
  if (!tree || tree.folders.length === 0) return undefined;
  const last = listed.at(-1) ?? "";
  // A sub-folder is wholly listed when the listing went past it: its keys sort before the last one.
  const wholly = tree.folders.filter((folder) => folder < last && !last.startsWith(folder));
  const censused = wholly.map((folder) => listed.filter((key) => key.startsWith(folder)).length);
  const rest = tree.folders.slice(wholly.length);
  const sample: number[] = [];
  for (const index of evenlySpaced(rest.length, limits.sampledFolders)) {
    const count = await folderCount(listing, rest[index] as string, limits.folderKeys);
    if (count === undefined) return undefined;
    sample.push(count);
  }
  const { total, margin } = estimateFromSample({
    direct: tree.direct,
    censused,
    remaining: rest.length,
    sample,
  });
  return {
    total: Math.max(total, listed.length),
    margin,
    folders: tree.folders.length,
    foldersCounted: wholly.length + sample.length,
  };
}
