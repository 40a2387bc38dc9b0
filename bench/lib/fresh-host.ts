/**
 * A folder's first open happens in a web host that has listed nothing but the bucket's root:
 * its listing code has not run on a large folder yet. bench/browse times first opens on fresh
 * hosts started here, one after another on the same data folder (and so the same Local
 * bucket), and times the same host's own listing pipeline without the app's page: the
 * `bucket.browse` call and its `bucket.page` events, to a blank page of the host's origin that
 * only counts the objects (HOST_PIPELINE_PAGE_SCRIPT). What that takes is what any window of
 * the app showing the folder costs before it draws anything.
 */
import { access, rm } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { openLocalBucketClient } from "../../electron/connections/local-connection";
import type { CosClient } from "../../electron/cos/client";
import { type RunningWebHost, startWebHost } from "../../test/e2e/web-host-fixture";

export interface FreshHost {
  host: RunningWebHost;
  /** A client of the Local bucket this host started, for the raw listings timed beside it. */
  client: CosClient;
  /** That bucket's loopback address. */
  bucketUrl: string;
  /** Closes the client and stops the host (and its bucket); again, does nothing more. */
  stop(): Promise<void>;
}

async function until(file: string): Promise<void> {
  for (;;) {
    if (
      await access(file).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts a web host on `dataDir`; `startBucket` makes it start its Local bucket (the app does
 * so when the Bucket tab opens), whose address the client is then opened on.
 */
export async function startFreshHost(
  dataDir: string,
  startBucket: (host: RunningWebHost) => Promise<void>,
): Promise<FreshHost> {
  const folder = path.join(dataDir, "local-bucket");
  // The last host's bucket left its address behind; this host's bucket writes a new one.
  await rm(path.join(folder, "address.json"), { force: true });
  const host = await startWebHost(dataDir);
  await startBucket(host);
  await until(path.join(folder, "address.json"));
  const { client, url: bucketUrl } = await openLocalBucketClient(folder);
  let stopped: Promise<void> | undefined;
  const stop = async () => {
    await client.close();
    const exited = new Promise((resolve) => host.process.once("exit", resolve));
    host.process.kill("SIGTERM");
    await exited;
  };
  return {
    host,
    client,
    bucketUrl,
    stop() {
      stopped ??= stop();
      return stopped;
    },
  };
}

/**
 * Run in a blank page of the host's origin with the host's token: connects to its event socket
 * and defines `window.listFolder(bucket, prefix)`, which calls `bucket.browse` and resolves to
 * the milliseconds until the listing's last page has arrived, its objects counted.
 */
const HOST_PIPELINE_PAGE_SCRIPT = `((token) => new Promise((connected) => {
  const socket = new WebSocket(location.origin.replace("http", "ws") + "/api/events?token=" + token);
  let listing;
  socket.onopen = connected;
  socket.onmessage = (message) => {
    const { event, payload } = JSON.parse(message.data);
    if (event !== "bucket.page" || !listing || payload.listingId !== listing.id) return;
    listing.count += payload.objects.keys.length + payload.folders.length;
    document.body.textContent = listing.count + " entries";
    if (payload.done) listing.done({ ms: performance.now() - listing.start, count: listing.count });
  };
  window.listFolder = (bucket, prefix) => new Promise((done) => {
    listing = { id: crypto.randomUUID(), count: 0, start: performance.now(), done };
    fetch("/api/call/bucket.browse", {
      method: "POST",
      headers: { "Content-Type": "application/json", "x-picops-token": token },
      body: JSON.stringify({ listingId: listing.id, bucket, prefix }),
    });
  });
}))`;

/** A blank page of `host`'s origin, connected to its events, that lists folders through it. */
export async function hostPipelinePage(
  browser: Browser,
  host: RunningWebHost,
): Promise<{
  list(bucket: string, prefix: string): Promise<{ ms: number; count: number }>;
  close(): Promise<void>;
}> {
  const token = new URL(host.url).hash.replace(/^#token=/, "");
  // The host answers an unknown path with a 404 whose policy allows no connection; this page
  // only has to be of the host's origin, so the policy is set aside.
  const page: Page = await browser.newPage({ bypassCSP: true });
  await page.goto(`${host.origin}/blank`);
  await page.evaluate(`${HOST_PIPELINE_PAGE_SCRIPT}(${JSON.stringify(token)})`);
  return {
    list: async (bucket, prefix) =>
      (await page.evaluate(`window.listFolder(${JSON.stringify(bucket)}, ${JSON.stringify(prefix)})`)) as {
        ms: number;
        count: number;
      },
    close: () => page.close(),
  };
}
