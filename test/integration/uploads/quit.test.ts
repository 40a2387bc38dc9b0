import { EventEmitter } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeBeforeQuit, type QuittingApp } from "../../../electron/app-quit";
import { createKeyFileCipher } from "../../../electron/connections/cipher";
import { createLogger } from "../../../electron/logger";
import { createServices, type Services } from "../../../electron/services";
import { LOCAL_BUCKET_NAME } from "../../../shared/connections";
import type { CallResult, ChannelOutput } from "../../../shared/ipc/contract";
import { noiseImage } from "../../fixtures/images";

/**
 * Quitting (menu, Cmd+Q) goes through Electron's before-quit; here an app-like object stands
 * in for Electron's, and real services run a real batch against the Local bucket.
 */

class FakeElectronApp extends EventEmitter implements QuittingApp {
  readonly exits: number[] = [];
  exit(code = 0): void {
    this.exits.push(code);
    this.emit("exited");
  }
  /** Emits before-quit as Electron does; answers whether a listener held the quit. */
  quit(): boolean {
    let held = false;
    this.emit("before-quit", { preventDefault: () => (held = true) });
    return held;
  }
}

let dir: string;
let services: Services | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "picops-quit-"));
});
afterEach(async () => {
  await services?.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(): Promise<Services> {
  services = await createServices({
    dataDir: path.join(dir, "data"),
    cipher: await createKeyFileCipher(path.join(dir, "vault.key")),
    host: "electron",
    version: "test",
    logger: createLogger(() => {}),
  });
  return services;
}

async function value<T>(answer: Promise<CallResult>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe("quitting", () => {
  it("waits for the services to pause running batches, then exits; the next start finds them paused", async () => {
    const app = await start();
    const files = await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        const file = path.join(dir, `photo-${i}.jpg`);
        await writeFile(file, await noiseImage(400, 300).jpeg().toBuffer());
        return file;
      }),
    );
    await app.openFiles(files);
    const batch = await value<ChannelOutput<"uploads.start">>(
      app.router.call("uploads.start", {
        options: {
          bucket: LOCAL_BUCKET_NAME,
          prefix: "",
          naming: "keep",
          put: {},
          isPicInfo: false,
          rules: [{ rule: "imageMogr2/thumbnail/64x", fileid: "{name}_w64.{ext}" }],
          concurrency: 1,
        },
      }),
    );
    expect(batch.state).toBe("running");

    const electron = new FakeElectronApp();
    closeBeforeQuit(
      electron,
      () => app.close(),
      createLogger(() => {}),
    );
    const exited = new Promise((resolve) => electron.once("exited", resolve));
    expect(electron.quit()).toBe(true);
    // Asked again while closing (Cmd+Q twice): held too, and still one exit.
    expect(electron.quit()).toBe(true);
    expect(electron.exits).toEqual([]);
    await exited;
    expect(electron.exits).toEqual([0]);
    services = undefined;

    const restarted = await start();
    const { batches } = await value<ChannelOutput<"batches.list">>(restarted.router.call("batches.list", {}));
    expect(batches.map((b) => [b.id, b.state])).toEqual([[batch.id, "paused"]]);
  });
});
