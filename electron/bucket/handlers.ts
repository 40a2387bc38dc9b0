import type { Handlers } from "../ipc/router";
import type { BucketBrowser } from "./service";

type BucketChannels =
  | "bucket.browse"
  | "bucket.stopBrowsing"
  | "bucket.details"
  | "bucket.delete"
  | "bucket.download"
  | "bucket.objectUrl"
  | "bucket.pixelSize";

export function bucketHandlers(browser: BucketBrowser): Pick<Handlers, BucketChannels> {
  return {
    "bucket.browse": async ({ listingId, bucket, prefix }) => {
      browser.browse(listingId, bucket, prefix);
      return {};
    },
    "bucket.stopBrowsing": async ({ listingId }) => {
      browser.stop(listingId);
      return {};
    },
    "bucket.details": async ({ bucket, key }) => browser.details(bucket, key),
    "bucket.delete": async ({ bucket, keys }) => browser.delete(bucket, keys),
    "bucket.download": async (request) => browser.download(request),
    "bucket.objectUrl": async ({ bucket, key }) => ({ url: await browser.objectUrl(bucket, key) }),
    "bucket.pixelSize": async (object, signal) => {
      const pixels = await browser.pixelSize(object, signal);
      return pixels ? { pixels } : {};
    },
  };
}
