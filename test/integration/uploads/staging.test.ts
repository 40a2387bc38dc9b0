import { access, mkdtemp, rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createKeyFileCipher } from "../../../electron/connections/cipher";
import { createLogger } from "../../../electron/logger";
import { createServices, type Services } from "../../../electron/services";
import { LOCAL_BUCKET_NAME } from "../../../shared/connections";
import type { CallResult, ChannelInput, ChannelName, ChannelOutput } from "../../../shared/ipc/contract";
import { defaultUploadOptions, type UploadOptions } from "../../../shared/uploads/options";
import { noiseImage } from "../../fixtures/images";

/**
 * Files dropped on the web host's page are staged as copies in the data folder. A copy
 * stays while the upload list or a batch may still read it, and is removed once nothing does.
 */

let dir: string;
let services: Services;

async function open(): Promise<Services> {
  return createServices({
    dataDir: path.join(dir, "data"),
    cipher: await createKeyFileCipher(path.join(dir, "vault.key")),
    host: "web",
    version: "test",
    logger: createLogger(() => {}),
  });
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "picops-staging-"));
  services = await open();
});
afterEach(async () => {
  await services.close();
  // A batch paused by close may still have a Local bucket write winding down.
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

async function value<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = (await services.router.call(channel, input)) as CallResult<ChannelOutput<C>>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** What the browser streams to `POST /api/files`. */
async function stage(name: string): Promise<string> {
  const body = Readable.from([await noiseImage(40, 30).png().toBuffer()]) as unknown as IncomingMessage;
  body.headers = { "x-picops-file-name": encodeURIComponent(name) };
  const staged = await services.staging.stage(body);
  // As the web host does: a staged copy is a file the page gave.
  services.grantFiles([staged]);
  return staged;
}

async function add(file: string): Promise<string> {
  const { files } = await value("files.add", {
    sources: [{ path: file, relativePath: path.basename(file) }],
  });
  const added = files.find((entry) => entry.path === file);
  if (!added) throw new Error(`${file} was not added`);
  return added.id;
}

async function uploadAll(options: UploadOptions): Promise<ChannelOutput<"batches.detail">> {
  const { id } = await value("uploads.start", { options });
  await vi.waitFor(
    async () => expect((await value("batches.detail", { batchId: id })).state).toBe("finished"),
    {
      timeout: 20_000,
    },
  );
  return value("batches.detail", { batchId: id });
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );
const eventuallyGone = (file: string) => vi.waitFor(async () => expect(await exists(file)).toBe(false));

describe("staged copies", () => {
  it("are kept while listed, and removed once removed from the list", async () => {
    const kept = await stage("kept.png");
    const dropped = await stage("dropped.png");
    await add(kept);
    const droppedId = await add(dropped);

    await value("files.remove", { ids: [droppedId] });

    await eventuallyGone(path.dirname(dropped));
    expect(await exists(kept)).toBe(true);
  });

  it("belong to the batch once it starts: removed when uploaded, kept while a retry may need them", async () => {
    const uploaded = await stage("uploaded.png");
    await add(uploaded);
    const first = await uploadAll(defaultUploadOptions(LOCAL_BUCKET_NAME));
    expect(first.items.map((item) => item.state)).toEqual(["done"]);
    // Starting a batch empties the upload list; the finished batch needs the copy no more.
    await eventuallyGone(uploaded);

    // TPG is Tencent's own codec: the Local bucket refuses the upload, so the item fails.
    const refused = await stage("refused.png");
    await add(refused);
    const second = await uploadAll({
      ...defaultUploadOptions(LOCAL_BUCKET_NAME),
      rules: [{ rule: "imageMogr2/format/tpg", fileid: "{name}.tpg" }],
    });
    expect(second.items.map((item) => item.state)).toEqual(["failed"]);
    const unclaimed = await stage("never-added.png");
    await services.staging.sweep();
    expect(await exists(refused)).toBe(true);
    expect(await exists(unclaimed)).toBe(true);

    // The next launch: the failed item can still be retried, the copy nobody added is gone.
    await services.close();
    services = await open();
    await eventuallyGone(path.dirname(unclaimed));
    expect(await exists(refused)).toBe(true);

    // Removing the failed batch from the history releases its copy, and its journal is gone.
    const { batches } = await value("batches.forget", { batchId: second.id });
    expect(batches.map((batch) => batch.id)).toEqual([first.id]);
    await eventuallyGone(refused);
    await services.close();
    services = await open();
    expect((await value("batches.list", {})).batches.map((batch) => batch.id)).toEqual([first.id]);
  });

  it("a batch still under way cannot be removed from the history", async () => {
    // Enough files that the batch cannot finish between starting it and pausing it.
    for (let index = 0; index < 30; index++) await add(await stage(`many-${index}.png`));
    const paused = await value("uploads.start", { options: defaultUploadOptions(LOCAL_BUCKET_NAME) });
    await value("batches.pause", { batchId: paused.id });
    const refusal = await services.router.call("batches.forget", { batchId: paused.id });
    expect(refusal).toMatchObject({
      ok: false,
      error: { code: "batch-not-finished", messageId: "batch-not-finished" },
    });
    expect((await value("batches.list", {})).batches.map((batch) => batch.id)).toEqual([paused.id]);
  });
});
