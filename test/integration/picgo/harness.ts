import { mkdtemp, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { createKeyFileCipher } from "../../../electron/connections/cipher";
import { openLocalBucketClient } from "../../../electron/connections/local-connection";
import { createLogger } from "../../../electron/logger";
import { createServices, type Services } from "../../../electron/services";
import { LOCAL_BUCKET_NAME } from "../../../shared/connections";
import type { CallResult, ChannelInput, ChannelName, ChannelOutput } from "../../../shared/ipc/contract";

/** One Picops (the web host's services, no window) with its PicGo endpoint on a free port. */
export interface PicopsWithEndpoint {
  dir: string;
  dataDir: string;
  services: Services;
  port: number;
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** What a URL the endpoint answered points at in the Local bucket: its key. */
  keyOf(url: string): string;
  /** The object's bytes, read back through the COS API. */
  object(key: string): Promise<Buffer>;
  keys(): Promise<string[]>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startPicops(
  settings: {
    key?: string;
    returns?: "original" | "output";
    /** Electron's clipboard, as main.ts hands it over; absent: the web host's (none). */
    readClipboardImage?: () => Uint8Array | undefined;
  } = {},
): Promise<PicopsWithEndpoint> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "picops-picgo-"));
  const dataDir = path.join(dir, "data");
  const services = await createServices({
    dataDir,
    cipher: await createKeyFileCipher(path.join(dir, "vault.key")),
    host: "web",
    version: "test",
    logger: createLogger(() => {}),
    readClipboardImage: settings.readClipboardImage,
  });
  const call = async <C extends ChannelName>(channel: C, input: ChannelInput<C>) => {
    const result = (await services.router.call(channel, input)) as CallResult<ChannelOutput<C>>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };
  const port = await freePort();
  const state = await call("picgo.configure", {
    settings: { enabled: true, port, key: settings.key ?? "", returns: settings.returns ?? "original" },
  });
  if (state.status.state !== "listening") throw new Error(`endpoint not listening: ${JSON.stringify(state)}`);
  // The Local bucket starts on first use; reading its styles is a use.
  await call("rules.styles", {});
  const bucket = await openLocalBucketClient(path.join(dataDir, "local-bucket"));
  const prefix = `${bucket.url}/${LOCAL_BUCKET_NAME}/`;
  return {
    dir,
    dataDir,
    services,
    port,
    call,
    keyOf(url) {
      if (!url.startsWith(prefix)) throw new Error(`${url} is not in the Local bucket (${prefix})`);
      return decodeURIComponent(url.slice(prefix.length));
    },
    async object(key) {
      const download = await bucket.client.getObject({ bucket: LOCAL_BUCKET_NAME, key });
      const chunks: Buffer[] = [];
      for await (const chunk of download.body) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    async keys() {
      const keys: string[] = [];
      for await (const page of bucket.client.listObjectPages({ bucket: LOCAL_BUCKET_NAME })) {
        keys.push(...page.contents.map((object) => object.key));
      }
      return keys.sort();
    },
    async close() {
      await bucket.client.close();
      await services.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: { success: boolean; result?: string[] | string; message?: string };
}

/**
 * Sends exactly the given headers and body, as an editor does: no Origin, no extra
 * header a browser or fetch would add.
 */
export function post(
  port: number,
  target: string,
  init: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    const headers: Record<string, string> = { Host: `127.0.0.1:${port}`, ...init.headers };
    if (body) headers["Content-Length"] = String(body.length);
    const request = httpRequest(
      // A connection per request, as each editor call is: none outlives the endpoint it was made to.
      { host: "127.0.0.1", port, path: target, method: init.method ?? "POST", headers, agent: false },
      async (response) => {
        const chunks: Buffer[] = [];
        for await (const chunk of response) chunks.push(chunk as Buffer);
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, json: JSON.parse(text) });
        } catch {
          reject(new Error(`not JSON (${response.statusCode}): ${text}`));
        }
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** A multipart body as form-data libraries build it, with the given field name per file. */
export function multipart(
  boundary: string,
  files: { field: string; fileName: string; type: string; bytes: Buffer }[],
): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.fileName}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}
