/**
 * The floor under the bucket grid (bench/browse): a folder's raw listing sent page by page,
 * as the app's objects in JSON over a WebSocket, to a blank page that parses it, keeps its
 * objects and writes their count, the least any window showing the listing does.
 * `relayListing` runs it in the benchmark's own process, whose listing code has run many times
 * before. A first open runs in a process that has never listed a large folder, so the same
 * relay also runs in a fresh process (`startColdRelay`): this file is that child's entry point,
 * `tsx bench/lib/listing-relay.ts '<json options>'`. Like the app before its first open, the
 * child lists the bucket's root once, then waits for a page to connect and for `go` on stdin;
 * it answers each round with one JSON line on stdout.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type WebSocket, WebSocketServer } from "ws";
import type { CosClient } from "../../electron/cos/client";
import { objectColumns } from "../../shared/bucket/object-columns";

export interface RelayTarget {
  bucket: string;
  prefix: string;
}

/**
 * Run in the blank page with (port, expected): connects to the relay; each message's objects
 * (a column per field, as the app's pages carry them) are parsed and kept, their count written
 * into the page, and once `expected` are there the page answers "counted". Resolves once connected.
 */
export const RELAY_PAGE_SCRIPT = `((port, expected) => new Promise((resolve) => {
  const kept = [];
  let count = 0;
  const socket = new WebSocket("ws://127.0.0.1:" + port);
  socket.onopen = resolve;
  socket.onmessage = (message) => {
    const { objects } = JSON.parse(message.data);
    kept.push(objects);
    count += objects.keys.length;
    document.body.textContent = count + " objects";
    if (count === expected) socket.send("counted");
  };
}))`;

/** Lists the folder and sends each page to `socket`; milliseconds until the page has counted every object. */
export async function relayListing(
  client: CosClient,
  target: RelayTarget,
  socket: WebSocket,
): Promise<number> {
  const counted = once(socket, "message");
  const start = performance.now();
  for await (const page of client.listObjectPages({
    bucket: target.bucket,
    prefix: target.prefix,
    delimiter: "/",
    maxKeys: 1000,
  })) {
    const objects = page.contents.map((object) => ({
      key: object.key,
      size: object.size,
      lastModified: object.lastModified,
      etag: object.etag,
      storageClass: object.storageClass ?? "STANDARD",
    }));
    socket.send(JSON.stringify({ objects: objectColumns(objects), done: !page.isTruncated }));
  }
  await counted;
  return performance.now() - start;
}

/** A WebSocket server on loopback, and the first socket that connects to it; `close` ends both. */
export async function relayServer(): Promise<{ port: number; connected: Promise<WebSocket>; close(): void }> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await once(server, "listening");
  const connected = (once(server, "connection") as Promise<[WebSocket]>).then(([socket]) => socket);
  const close = () => {
    // Closing the server alone leaves its sockets open, and the page would keep this process alive.
    for (const socket of server.clients) socket.terminate();
    server.close();
  };
  return { port: (server.address() as AddressInfo).port, connected, close };
}

interface ColdRelayOptions extends RelayTarget {
  /** The Local bucket's folder (address.json, credentials.json). */
  localFolder: string;
}

export interface ColdRelay {
  /** Where the blank page connects. */
  port: number;
  /** Lists and relays once the page is connected; the relay's milliseconds. */
  run(): Promise<number>;
  close(): Promise<void>;
}

/** Starts the relay in a fresh process, ready once it has listed the bucket's root. */
export async function startColdRelay(options: ColdRelayOptions): Promise<ColdRelay> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), JSON.stringify(options)],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const line = await lines.next();
    if (line.done) throw new Error("the relay process ended before it answered");
    return JSON.parse(line.value) as { port?: number; ms?: number };
  };
  const { port } = await nextLine();
  return {
    port: port as number,
    async run() {
      child.stdin.write("go\n");
      return (await nextLine()).ms as number;
    },
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

async function serveColdRelay(options: ColdRelayOptions): Promise<void> {
  const { openLocalBucketClient } = await import("../../electron/connections/local-connection");
  const { client } = await openLocalBucketClient(options.localFolder);
  // What the app did before the first open: the bucket's root, listed once.
  for await (const _ of client.listObjectPages({ bucket: options.bucket, prefix: "", delimiter: "/" })) {
  }
  const server = await relayServer();
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
  const socket = await server.connected;
  const commands = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  await commands.next();
  const ms = await relayListing(client, options, socket);
  process.stdout.write(`${JSON.stringify({ ms })}\n`);
  await commands.next();
  server.close();
  await client.close();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await serveColdRelay(JSON.parse(process.argv[2] ?? "{}") as ColdRelayOptions);
}
