import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BucketStore } from "../../../electron/local-bucket/store";

let root: string;
let store: BucketStore;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "picops-staged-body-"));
  store = await BucketStore.open(root, "staged-1250000000");
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function* chunksOf(body: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (const size of sizes) {
    if (at >= body.length) break;
    yield body.subarray(at, at + size);
    at += size;
  }
  if (at < body.length) yield body.subarray(at);
}

describe("a streamed body staged to disk", () => {
  it("holds exactly the bytes it was sent in, however they were cut into chunks", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 * 1024 * 1024 }),
        fc.array(fc.integer({ min: 1, max: 700 * 1024 }), { maxLength: 40 }),
        async (length, sizes) => {
          const body = Buffer.alloc(length);
          for (let i = 0; i < length; i += 4096) body[i] = (i / 4096) % 251;
          const staged = await store.stage(chunksOf(body, sizes));
          try {
            expect(staged.size).toBe(length);
            expect(staged.md5.equals(createHash("md5").update(body).digest())).toBe(true);
            expect((await readFile(staged.path)).equals(body)).toBe(true);
          } finally {
            await store.discard(staged);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("leaves nothing behind when the request is aborted half way", async () => {
    const controller = new AbortController();
    async function* abortedMidway(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 40; i++) {
        if (i === 30) controller.abort();
        yield Buffer.alloc(64 * 1024, i);
      }
    }
    const before = await readdir(root, { recursive: true });
    await expect(store.stage(abortedMidway(), controller.signal)).rejects.toThrow();
    expect(await readdir(root, { recursive: true })).toEqual(before);
  });
});
