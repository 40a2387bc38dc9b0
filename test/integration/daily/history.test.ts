import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createKeyFileCipher } from "../../../electron/connections/cipher";
import { createLogger } from "../../../electron/logger";
import { createServices, type Services } from "../../../electron/services";
import type { CallResult, ChannelInput, ChannelName, ChannelOutput } from "../../../shared/ipc/contract";
import { noiseImage } from "../../fixtures/images";
import { type PicopsWithEndpoint, startPicops } from "../picgo/harness";
import { addFiles, options, uploadAll } from "./upload-steps";

let picops: PicopsWithEndpoint;
beforeEach(async () => {
  picops = await startPicops();
});
afterEach(async () => {
  await picops.close();
});

const withOutput = options({
  prefix: "blog/",
  rules: [{ rule: "imageMogr2/thumbnail/200x/format/webp", fileid: "{name}_w200.{format}" }],
});

describe("the history of uploads", () => {
  it("keeps every uploaded file with its output and links, searchable by name and date", async () => {
    await addFiles(picops, {
      "cat.jpg": await noiseImage(400, 300).jpeg().toBuffer(),
      "dog.png": await noiseImage(300, 400).png().toBuffer(),
    });
    const before = new Date().toISOString();
    await uploadAll(picops, withOutput);
    const entries = await recorded(picops.call, 2);
    expect(entries.map((entry) => entry.original.key).sort()).toEqual(["blog/cat.jpg", "blog/dog.png"]);
    const cat = entries.find((entry) => entry.name === "cat.jpg");
    expect(cat?.original).toMatchObject({ width: 400, height: 300 });
    expect(cat?.outputs).toEqual([
      { bucket: cat?.original.bucket, key: "blog/cat_w200.webp", width: 200, height: 150 },
    ]);
    expect(picops.keyOf(cat?.links?.original ?? "")).toBe("blog/cat.jpg");
    expect(cat?.links?.outputs.map((url) => picops.keyOf(url))).toEqual(["blog/cat_w200.webp"]);

    const named = await picops.call("history.search", { query: { text: "CAT_w200" } });
    expect(named.entries.map((entry) => entry.name)).toEqual(["cat.jpg"]);
    expect((await picops.call("history.search", { query: { from: before } })).entries).toHaveLength(2);
    const later = new Date(Date.now() + 60_000).toISOString();
    expect((await picops.call("history.search", { query: { from: later } })).entries).toEqual([]);
  });

  it("removes an entry with its objects only once the listed objects are confirmed", async () => {
    await addFiles(picops, {
      "cat.jpg": await noiseImage(400, 300).jpeg().toBuffer(),
      "dog.png": await noiseImage(300, 400).png().toBuffer(),
    });
    await uploadAll(picops, withOutput);
    await recorded(picops.call, 2);
    const { entries } = await picops.call("history.search", { query: { text: "cat" } });
    const entryIds = entries.map((entry) => entry.id);

    const { objects } = await picops.call("history.objectsToDelete", { entryIds });
    expect(objects.map((object) => object.key)).toEqual(["blog/cat.jpg", "blog/cat_w200.webp"]);

    // A list other than the one shown deletes nothing.
    await expect(
      picops.call("history.remove", { entryIds, deleteObjects: objects.slice(0, 1) }),
    ).rejects.toThrow(/changed since they were listed/);
    expect(await picops.keys()).toContain("blog/cat.jpg");

    const removed = await picops.call("history.remove", { entryIds, deleteObjects: objects });
    expect(removed.removed).toEqual(entryIds);
    expect(removed.outcome?.deleted.sort()).toEqual(["blog/cat.jpg", "blog/cat_w200.webp"]);
    expect(await picops.keys()).toEqual(["blog/dog.png", "blog/dog_w200.webp"]);
    expect((await picops.call("history.search", { query: {} })).entries.map((entry) => entry.name)).toEqual([
      "dog.png",
    ]);

    // Without objects to delete, only the entry goes.
    const dog = (await picops.call("history.search", { query: {} })).entries.map((entry) => entry.id);
    await picops.call("history.remove", { entryIds: dog });
    expect((await picops.call("history.search", { query: {} })).entries).toEqual([]);
    expect(await picops.keys()).toEqual(["blog/dog.png", "blog/dog_w200.webp"]);
  });
});

describe("the history across restarts", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "picops-history-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  async function open(): Promise<Services> {
    return createServices({
      dataDir: path.join(dir, "data"),
      cipher: await createKeyFileCipher(path.join(dir, "vault.key")),
      host: "web",
      version: "test",
      logger: createLogger(() => {}),
    });
  }

  it("finds what was uploaded before the restart, removals included", async () => {
    const first = await open();
    const call = caller(first);
    const file = path.join(dir, "cat.png");
    await writeFile(file, await noiseImage(50, 40).png().toBuffer());
    first.grantFiles([file]);
    await call("files.add", { sources: [{ path: file, relativePath: "cat.png" }] });
    const { id } = await call("uploads.start", { options: options() });
    await recorded(call, 1);
    await first.close();

    const second = await open();
    const again = caller(second);
    const { entries } = await again("history.search", { query: { text: "cat" } });
    expect(entries.map((entry) => [entry.name, entry.original.key, entry.batchId])).toEqual([
      ["cat.png", "cat.png", id],
    ]);
    await again("history.remove", { entryIds: entries.map((entry) => entry.id) });
    await second.close();

    const third = await open();
    expect((await caller(third)("history.search", { query: {} })).entries).toEqual([]);
    await third.close();
  });
});

type Call = <C extends ChannelName>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

/** The history once it holds `count` entries: a batch's last progress event may follow its end by a moment. */
async function recorded(call: Call, count: number) {
  await vi.waitFor(
    async () => expect((await call("history.search", { query: {} })).entries).toHaveLength(count),
    {
      timeout: 20_000,
    },
  );
  return (await call("history.search", { query: {} })).entries;
}

function caller(services: Services): Call {
  return async <C extends ChannelName>(channel: C, input: ChannelInput<C>) => {
    const result = (await services.router.call(channel, input)) as CallResult<ChannelOutput<C>>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };
}
