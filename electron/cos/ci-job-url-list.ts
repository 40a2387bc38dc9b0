import { objectUrl } from "./endpoint";

/**
 * The URL list a batch job reads when its input is `UrlFile` (docs/ci-batch-jobs.md): a text
 * object holding one object address a line, itself named by its address. Picops writes one for
 * a selection of objects; the Local bucket reads it back with the same functions.
 */

/** Where Picops keeps the URL lists of its jobs: a folder of its own, out of the way of designs. */
export const URL_LIST_PREFIX = ".picops/job-inputs/";

/** An object's address on COS's default domain, the form CI's pages and SDK samples use. */
export function objectAddress(bucket: string, region: string, key: string): string {
  return objectUrl({ kind: "virtual-host" }, bucket, region, key);
}

/** The list's text: each key's address on a line of its own, each key once. */
export function urlListText(bucket: string, region: string, keys: readonly string[]): string {
  return [...new Set(keys)].map((key) => `${objectAddress(bucket, region, key)}\n`).join("");
}

export interface ObjectAddress {
  bucket: string;
  region: string;
  key: string;
}

const DEFAULT_DOMAIN = /^([a-z0-9-]+)\.cos\.([a-z0-9-]+)\.myqcloud\.com$/;

/** The bucket, region and key an address on COS's default domain names; undefined for anything else. */
export function parseObjectAddress(address: string): ObjectAddress | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  const host = DEFAULT_DOMAIN.exec(url.hostname);
  if (!host || (url.protocol !== "https:" && url.protocol !== "http:") || url.search || url.hash)
    return undefined;
  let key: string;
  try {
    key = decodeURIComponent(url.pathname.slice(1));
  } catch {
    return undefined;
  }
  return key === "" ? undefined : { bucket: host[1] as string, region: host[2] as string, key };
}

export type ParsedUrlList =
  | { ok: true; keys: string[] }
  /** `line` counts from 1. */
  | { ok: false; line: number; problem: "not-an-object-address" | "another-bucket" }
  | { ok: false; line: 0; problem: "empty" };

/** The keys a list names, each once, in order; every address must be an object of `bucket` in `region`. */
export function parseUrlList(text: string, bucket: string, region: string): ParsedUrlList {
  const keys = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const address = parseObjectAddress(line);
    if (!address) return { ok: false, line: index + 1, problem: "not-an-object-address" };
    if (address.bucket !== bucket || address.region !== region)
      return { ok: false, line: index + 1, problem: "another-bucket" };
    keys.add(address.key);
  }
  return keys.size === 0 ? { ok: false, line: 0, problem: "empty" } : { ok: true, keys: [...keys] };
}
