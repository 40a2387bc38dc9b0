import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EventBus } from "../../../electron/ipc/event-bus";
import { createRouter, type Handlers } from "../../../electron/ipc/router";
import { createLogger } from "../../../electron/logger";
import type { Services } from "../../../electron/services";
import { startWebHost, TOKEN_HEADER, type WebHost } from "../../../electron/web-host/server";

let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

/**
 * The page cancels a call by aborting its request; the web host turns the closed connection
 * into the router's AbortSignal, so the handler's work stops.
 */
describe("the web host cancelling a call", () => {
  it("aborts the handler's signal when the page aborts the request", async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let stopped!: (signal: AbortSignal) => void;
    const cancelled = new Promise<AbortSignal>((resolve) => {
      stopped = resolve;
    });
    const handlers = {
      "files.list": (_input: unknown, signal: AbortSignal) => {
        started();
        return new Promise((_, reject) => {
          signal.addEventListener("abort", () => {
            stopped(signal);
            reject(new Error("stopped"));
          });
        });
      },
      "app.describe": async () => ({ host: "web", version: "test", platform: "linux" }),
    } as unknown as Handlers;
    const logger = createLogger(() => {});
    const services = { router: createRouter(handlers, logger), bus: new EventBus() } as Services;
    const rendererDir = await mkdtemp(path.join(os.tmpdir(), "picops-web-cancel-"));
    host = await startWebHost({ services, logger, rendererDir });
    const token = new URL(host.url).hash.replace("#token=", "");
    const call = (channel: string, signal?: AbortSignal) =>
      fetch(`${host?.origin}/api/call/${channel}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: host?.origin ?? "", [TOKEN_HEADER]: token },
        body: "{}",
        ...(signal ? { signal } : {}),
      });

    const page = new AbortController();
    const answer = call("files.list", page.signal);
    await running;
    page.abort();
    await expect(answer).rejects.toThrow();
    expect((await cancelled).aborted).toBe(true);

    // The host goes on answering.
    const after = await call("app.describe");
    expect(await after.json()).toMatchObject({ ok: true, value: { host: "web" } });
  });
});
