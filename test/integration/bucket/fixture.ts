import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { BucketBrowser, type BucketBrowserDeps } from "../../../electron/bucket/service";
import { CosClient } from "../../../electron/cos/client";
import { type LocalBucket, startLocalBucket } from "../../../electron/local-bucket/index";
import { MediaStore } from "../../../electron/media/media-store";
import type { BucketPage } from "../../../shared/ipc/channels/bucket";

export const BUCKET = "picops-1250000000";
export const REGION = "ap-guangzhou";
const CREDENTIALS = { secretId: "AKIDbucketBrowserTest", secretKey: "bucketBrowserTestSecretKey" };

/** A Local bucket, a client for it, and a BucketBrowser on it as the active Local connection. */
export interface BrowsingBucket {
  bucket: LocalBucket;
  client: CosClient;
  media: MediaStore;
  browser: BucketBrowser;
  /** Every page the browser emitted, in order. */
  pages: BucketPage[];
  /** Resolves with the pages of one listing once its last page (or error) arrives. */
  listed(listingId: string): Promise<BucketPage[]>;
  dispose(): Promise<void>;
}

export async function startBrowsingBucket(
  extra: Partial<Pick<BucketBrowserDeps, "chooseFolder" | "clients">> = {},
): Promise<BrowsingBucket> {
  const root = await mkdtemp(path.join(tmpdir(), "picops-bucket-browser-"));
  const bucket = await startLocalBucket({
    root,
    region: REGION,
    buckets: [BUCKET],
    credentials: [CREDENTIALS],
  });
  const client = new CosClient({
    credentials: CREDENTIALS,
    region: REGION,
    endpoint: { kind: "path-style", baseUrl: bucket.url },
  });
  const media = new MediaStore();
  const pages: BucketPage[] = [];
  const waiting = new Map<string, () => void>();
  const browser = new BucketBrowser({
    clients: { get: async () => client },
    connections: {
      list: () => ({
        activeId: "local",
        connections: [
          { id: "local", kind: "local", label: "Local bucket", region: REGION, defaultBucket: BUCKET },
        ],
      }),
    },
    local: { get: async () => ({ bucket }) },
    media,
    emitPage(page) {
      pages.push(page);
      if (page.done) waiting.get(page.listingId)?.();
    },
    ...extra,
  });
  return {
    bucket,
    client,
    media,
    browser,
    pages,
    listed(listingId) {
      const mine = () => pages.filter((page) => page.listingId === listingId);
      if (mine().some((page) => page.done)) return Promise.resolve(mine());
      return new Promise((resolve) => waiting.set(listingId, () => resolve(mine())));
    },
    async dispose() {
      browser.stopAll();
      await client.close();
      await bucket.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** PUTs many small objects, a few dozen at a time. */
export async function seedKeys(
  client: CosClient,
  keys: string[],
  body: (key: string) => Buffer,
): Promise<void> {
  const queue = [...keys];
  const worker = async () => {
    for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
      await client.putObject({ bucket: BUCKET, key, body: body(key) });
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}
