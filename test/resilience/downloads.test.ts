import { createHash } from "node:crypto";
import { request } from "node:http";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadForBrowser } from "../../electron/bucket/downloads";
import { MediaStore } from "../../electron/media/media-store";
import { type RunningApp, startApp } from "./app";

/**
 * A download through the web host streams: the object is read from the bucket while the
 * browser takes it, never held whole, and the media store never holds more than its budget.
 */

let app: RunningApp;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const MB = 1024 * 1024;
const OBJECT_BYTES = 300 * MB;
const CHUNK = 64 * 1024;
/** Loopback socket buffers and the streams' own: far below the object, whatever the machine. */
const IN_FLIGHT_BOUND = 32 * MB;

/** A bucket holding one 300 MB object, made as it is read, counting what it has handed out. */
function lazyBucket() {
  const counted = { produced: 0, gets: 0 };
  const chunk = (index: number) => Buffer.alloc(CHUNK, index % 251);
  const client = {
    async headObject() {
      return { contentLength: OBJECT_BYTES, contentType: "image/png" };
    },
    async getObject() {
      counted.gets += 1;
      async function* body() {
        for (let index = 0; index * CHUNK < OBJECT_BYTES; index++) {
          counted.produced += CHUNK;
          yield chunk(index);
        }
      }
      return {
        metadata: { contentLength: OBJECT_BYTES, contentType: "image/png" },
        body: Readable.from(body()),
      };
    },
  };
  const expected = createHash("sha256");
  for (let index = 0; index * CHUNK < OBJECT_BYTES; index++) expected.update(chunk(index));
  return { client, counted, digest: expected.digest("hex") };
}

describe("a download through the web host", () => {
  it("streams a 300 MB object: it is read only as the browser takes it, and arrives whole", async () => {
    const bucket = lazyBucket();
    const [file] = await downloadForBrowser(
      bucket.client as unknown as Parameters<typeof downloadForBrowser>[0],
      app.services.media,
      { bucket: "photos-1250000000", keys: ["big.png"], base: "" },
    );
    // Asked for, not yet read.
    expect(bucket.counted).toEqual({ produced: 0, gets: 0 });

    const received = await new Promise<{ bytes: number; digest: string; mostAhead: number; status: number }>(
      (resolve, reject) => {
        const req = request(
          {
            host: "127.0.0.1",
            port: app.host.port,
            path: `/${file?.url}`,
            headers: { host: new URL(app.host.origin).host },
          },
          (res) => {
            const hash = createHash("sha256");
            let bytes = 0;
            let mostAhead = 0;
            res.on("data", (chunk: Buffer) => {
              bytes += chunk.length;
              hash.update(chunk);
              mostAhead = Math.max(mostAhead, bucket.counted.produced - bytes);
            });
            res.on("end", () =>
              resolve({ bytes, digest: hash.digest("hex"), mostAhead, status: res.statusCode ?? 0 }),
            );
          },
        );
        req.on("error", reject);
        req.end();
      },
    );
    expect(received.status).toBe(200);
    expect(received.bytes).toBe(OBJECT_BYTES);
    expect(received.digest).toBe(bucket.digest);
    expect(received.mostAhead).toBeLessThan(IN_FLIGHT_BOUND);
    expect(bucket.counted.gets).toBe(1);
  });

  it("hands out each download once: its URL is one-off", async () => {
    const bucket = lazyBucket();
    const [file] = await downloadForBrowser(
      bucket.client as unknown as Parameters<typeof downloadForBrowser>[0],
      app.services.media,
      { bucket: "photos-1250000000", keys: ["big.png"], base: "" },
    );
    const download = app.services.media.takeDownload(file?.url ?? "");
    expect(download).toBeDefined();
    expect(app.services.media.takeDownload(file?.url ?? "")).toBeUndefined();
  });
});

describe("the media store", () => {
  it("never holds more than its budget: older items go, and an item larger than the budget is refused", () => {
    const store = new MediaStore(10 * MB);
    const first = store.put(Buffer.alloc(4 * MB), "image/png");
    const second = store.put(Buffer.alloc(4 * MB), "image/png");
    const third = store.put(Buffer.alloc(4 * MB), "image/png");
    expect([first, second, third].map((url) => store.get(url) !== undefined)).toEqual([false, true, true]);

    expect(() => store.put(Buffer.alloc(10 * MB + 1), "image/png")).toThrow(
      expect.objectContaining({
        code: "media-too-large",
        status: 413,
        values: { megabytes: "10.0", budget: 10 },
      }),
    );
    // Nothing was dropped to make room for what was refused.
    expect([second, third].map((url) => store.get(url) !== undefined)).toEqual([true, true]);
  });
});
