import { once } from "node:events";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { createKeyFileCipher } from "../../electron/connections/cipher";
import { createLogger } from "../../electron/logger";
import { createServices, type Services } from "../../electron/services";
import { startWebHost, TOKEN_HEADER, type WebHost } from "../../electron/web-host/server";
import type {
  CallResult,
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
} from "../../shared/ipc/contract";

/**
 * One running Picops, as either host builds it: the services from the composition root
 * with the web host on top. Tests call it through the IPC router (what Electron's ipcMain
 * hands over) or over HTTP (what the browser sends), never through a service directly.
 */
export interface RunningApp {
  /** Temp folder holding the data folder, the renderer and anything the test writes. */
  dir: string;
  services: Services;
  host: WebHost;
  token: string;
  /** Everything the app logged, to check that no secret reached it. */
  log: string[];
  /** A call through the router, as the preload's `call` delivers it: anything may arrive. */
  call(channel: unknown, input?: unknown): Promise<CallResult>;
  /** A call that must succeed; its value, typed by the contract. */
  value<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Calls `listener` with every payload of that event until the returned function is called. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  close(): Promise<void>;
}

export async function startApp(): Promise<RunningApp> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "picops-resilience-"));
  const rendererDir = path.join(dir, "renderer");
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, "index.html"), "<!doctype html><title>Picops</title>");
  const log: string[] = [];
  const logger = createLogger((line) => log.push(line));
  const services = await createServices({
    dataDir: path.join(dir, "data"),
    cipher: await createKeyFileCipher(path.join(dir, "vault.key")),
    host: "web",
    version: "resilience",
    logger,
  });
  const host = await startWebHost({ services, logger, rendererDir });
  return {
    dir,
    services,
    host,
    token: new URL(host.url).hash.replace("#token=", ""),
    log,
    call: (channel, input) => services.router.call(channel, input),
    async value(channel, input) {
      const result = await services.router.call(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
      return result.value as ChannelOutput<typeof channel>;
    },
    on(name, listener) {
      return services.bus.subscribe((event, payload) => {
        if (event === name) listener(payload as EventPayload<typeof name>);
      });
    },
    async close() {
      await host.close();
      await services.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface HttpAnswer {
  status: number;
  body: string;
}

export interface HttpRequest {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A raw request to the web host, so a test can send the Host and Origin a browser would not let it forge. */
export function sendToHost(app: RunningApp, options: HttpRequest): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: app.host.port,
        path: options.path,
        method: options.method ?? "GET",
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
        });
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** The headers the Picops page sends with every call. */
export function pageHeaders(app: RunningApp): Record<string, string> {
  return { "content-type": "application/json", origin: app.host.origin, [TOKEN_HEADER]: app.token };
}

/** Sends one frame on the web host's event socket, as any page holding the token could; answers the close code. */
export async function eventSocketCloseCode(app: RunningApp, bytes: Buffer, binary: boolean): Promise<number> {
  const socket = new WebSocket(`ws://127.0.0.1:${app.host.port}/api/events?token=${app.token}`, {
    origin: app.host.origin,
  });
  await once(socket, "open");
  const closed = once(socket, "close");
  socket.send(bytes, { binary });
  const [code] = await closed;
  return code as number;
}
