import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeyFileCipher } from "../../electron/connections/cipher";
import { createLogger } from "../../electron/logger";
import { createServices, type Services } from "../../electron/services";
import type { CallResult } from "../../shared/ipc/contract";

/**
 * Journals are files anyone who can write the data folder may have shaped: the id written
 * inside one must never become a path. A journal naming `../victim` is not a batch, and
 * removing batches from the history only ever deletes the journal files listed in the folder.
 */

let dir: string;
let dataDir: string;
let services: Services | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "picops-journals-"));
  dataDir = path.join(dir, "data");
  await mkdir(path.join(dataDir, "batches"), { recursive: true });
});

afterEach(async () => {
  await services?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A finished, empty batch's journal, as Picops writes one, with whatever id it is given. */
function finishedJournal(id: string): string {
  const batch = {
    id,
    kind: "upload",
    connectionId: "local",
    createdAt: "2026-05-02T10:11:12.345Z",
    concurrency: 1,
    put: {},
    items: [],
  };
  return `${JSON.stringify({ t: "batch", batch })}\n${JSON.stringify({ t: "finish" })}\n`;
}

async function start(): Promise<Services> {
  services = await createServices({
    dataDir,
    cipher: await createKeyFileCipher(path.join(dir, "vault.key")),
    host: "web",
    version: "resilience",
    logger: createLogger(() => {}),
  });
  return services;
}

describe("a journal's batch id", () => {
  it("is never a path: ../victim is no batch, and forgetting batches deletes only their own journals", async () => {
    const victim = path.join(dataDir, "victim.jsonl");
    await writeFile(victim, "precious");
    await writeFile(path.join(dataDir, "batches", "evil.jsonl"), finishedJournal("../victim"));
    // Names another batch's journal than its own.
    await writeFile(path.join(dataDir, "batches", "decoy.jsonl"), finishedJournal("real-1"));
    const realId = "2026-05-02T10-11-12-345Z-1a2b3c4d";
    await writeFile(path.join(dataDir, "batches", `${realId}.jsonl`), finishedJournal(realId));
    await writeFile(path.join(dataDir, "batches", "real-1.jsonl"), "not a journal");

    const app = await start();
    const listed = (await app.router.call("batches.list", {})) as CallResult<{ batches: { id: string }[] }>;
    expect(listed.ok && listed.value.batches.map((batch) => batch.id)).toEqual([realId]);

    const refused = await app.router.call("batches.forget", { batchId: "../victim" });
    expect(refused).toMatchObject({ ok: false, error: { code: "invalid-input", path: ["batchId"] } });
    const forgotten = await app.router.call("batches.forget", { batchId: realId });
    expect(forgotten).toEqual({ ok: true, value: { batches: [] } });

    expect(await readFile(victim, "utf8")).toBe("precious");
    expect((await readdir(path.join(dataDir, "batches"))).sort()).toEqual([
      "decoy.jsonl",
      "evil.jsonl",
      "real-1.jsonl",
    ]);
  });
});
