import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CosClient } from "../../../electron/cos/client";
import { objectsOfColumns } from "../../../shared/bucket/object-columns";
import type { BucketPage } from "../../../shared/ipc/channels/bucket";
import { type BrowsingBucket, seedKeys, startBrowsingBucket } from "./fixture";

/**
 * 10,000 keys under `big/`: 9,970 objects directly in it and 30 sub-folders spread through
 * the key order, so common prefixes fall on many different pages; plus the folder's own
 * marker and a key outside it.
 */
const DIRECT = Array.from({ length: 9970 }, (_, i) => `big/p${String(i).padStart(5, "0")}.jpg`);
const FOLDERS = Array.from({ length: 30 }, (_, i) => `big/p${String(i * 331).padStart(5, "0")}-set/`);
const NESTED = FOLDERS.map((folder) => `${folder}a.jpg`);

let env: BrowsingBucket;

/** A page's objects, one record each, as the window reads them. */
const objectsOf = (page: BucketPage | undefined) => (page ? objectsOfColumns(page.objects) : []);
const keysOf = (pages: BucketPage[]) => pages.flatMap((page) => page.objects.keys);

beforeAll(async () => {
  env = await startBrowsingBucket();
  await seedKeys(env.client, [...DIRECT, ...NESTED, "big/", "other.jpg"], () => Buffer.from("x"));
}, 300_000);

afterAll(() => env.dispose());

describe("browsing a folder of 10,000 keys", () => {
  it("streams it in pages of at most 1000 after a first one of 100, every key and sub-folder exactly once", async () => {
    env.browser.browse("all", "picops-1250000000", "big/");
    const pages = await env.listed("all");
    expect(pages.length).toBeGreaterThanOrEqual(11);
    // The first screen waits only for a short page; the folder's own marker is left out of it.
    expect((pages[0]?.objects.keys.length ?? 0) + (pages[0]?.folders.length ?? 0)).toBe(99);
    for (const page of pages)
      expect(page.objects.keys.length + page.folders.length).toBeLessThanOrEqual(1000);
    expect(pages.slice(1, -1).every((page) => page.objects.keys.length + page.folders.length > 900)).toBe(
      true,
    );
    expect(pages.map((page) => page.done)).toEqual([...pages.slice(1).map(() => false), true]);
    expect(pages.every((page) => page.error === undefined && page.prefix === "big/")).toBe(true);

    const keys = keysOf(pages);
    expect(keys).toHaveLength(DIRECT.length);
    expect(new Set(keys)).toEqual(new Set(DIRECT));
    const folders = pages.flatMap((page) => page.folders);
    expect(folders).toHaveLength(FOLDERS.length);
    expect(new Set(folders)).toEqual(new Set(FOLDERS));
    // Sub-folders arrive on the pages where they fall in key order, not all at the end.
    expect(pages.filter((page) => page.folders.length > 0).length).toBeGreaterThan(5);
    const first = objectsOf(pages[0])[0];
    expect(first).toMatchObject({ key: "big/p00000.jpg", size: 1, storageClass: "STANDARD" });
    expect(first?.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(Number.isNaN(Date.parse(first?.lastModified ?? ""))).toBe(false);
  });

  it("lists the bucket root with its folders and the key outside them", async () => {
    env.browser.browse("root", "picops-1250000000", "");
    const pages = await env.listed("root");
    expect(pages.flatMap((page) => page.folders)).toEqual(["big/"]);
    expect(keysOf(pages)).toEqual(["other.jpg"]);
  });

  it("a sub-folder lists only its own keys", async () => {
    env.browser.browse("sub", "picops-1250000000", "big/p00331-set/");
    const pages = await env.listed("sub");
    expect(keysOf(pages)).toEqual(["big/p00331-set/a.jpg"]);
  });

  it("stops listing when the designer navigates away: no more pages are fetched or emitted", async () => {
    let fetched = 0;
    let firstPageShown!: () => void;
    let navigated!: () => void;
    const shown = new Promise<void>((resolve) => {
      firstPageShown = resolve;
    });
    const away = new Promise<void>((resolve) => {
      navigated = resolve;
    });
    // Holds the second request until the designer has moved on, so the test does not race the bucket.
    const listObjectPages = async function* (input: Parameters<CosClient["listObjectPages"]>[0]) {
      for await (const page of env.client.listObjectPages(input)) {
        if (input.prefix === "big/") fetched++;
        yield page;
        if (fetched === 1) {
          firstPageShown();
          await away;
        }
      }
    };
    const watched = await startBrowsingBucket({
      clients: { get: async () => ({ ...env.client, listObjectPages }) as unknown as CosClient },
    });
    try {
      watched.browser.browse("away", "picops-1250000000", "big/");
      await shown;
      watched.browser.browse("elsewhere", "picops-1250000000", "nothing-here/");
      navigated();
      const elsewhere = await watched.listed("elsewhere");
      expect(elsewhere).toEqual([
        expect.objectContaining({
          objects: { keys: [], sizes: [], lastModified: [], etags: [], storageClasses: [] },
          folders: [],
          done: true,
          prefix: "nothing-here/",
        }),
      ]);
      expect(watched.pages.filter((page) => page.listingId === "away")).toHaveLength(1);
      // The abandoned listing's second request was cancelled before it went out.
      expect(fetched).toBe(1);
    } finally {
      await watched.dispose();
    }
  });

  it("reports a listing failure as a page with COS's error code", async () => {
    env.browser.browse("bad", "missing-1250000000", "");
    const pages = await env.listed("bad");
    expect(pages).toHaveLength(1);
    expect(pages[0]?.error?.code).toBe("NoSuchBucket");
  });
});
