import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { WebSocketServer } from "ws";
import { sendJson } from "../json-answer";
import type { Logger } from "../logger";
import type { MediaDownload, MediaStore } from "../media/media-store";
import type { Services } from "../services";
import { createRequestGuard, isLoopbackAddress } from "./guard";
import { serveStatic } from "./static-files";

export interface WebHostOptions {
  services: Services;
  rendererDir: string;
  logger: Logger;
  host?: string;
  port?: number;
}

export interface WebHost {
  /** The address to open, with the per-launch token in the fragment (never sent to the server). */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** The page never sends on the event socket; a larger frame is refused before it is buffered. */
const MAX_FRAME_BYTES = 64 * 1024;
export const TOKEN_HEADER = "x-picops-token";

/** Same CSP as the Electron window, plus the socket this host listens on. */
function securityHeaders(origin: string): Record<string, string> {
  const ws = origin.replace(/^http/, "ws");
  return {
    "Content-Security-Policy": `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self' ${ws}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
}

/**
 * The web host: the same services as Electron's main process, carried over loopback
 * HTTP (calls) and a WebSocket (events), for browsers and for end-to-end tests.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const bindHost = options.host ?? "127.0.0.1";
  if (!isLoopbackAddress(bindHost)) {
    throw new Error(`The web host only listens on loopback; refusing to bind ${bindHost}.`);
  }
  const token = randomBytes(24).toString("base64url");
  const rendererDir = path.resolve(options.rendererDir);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, bindHost, resolve);
  });
  const listening = server.address() as AddressInfo;
  const port = listening.port;
  // Where it really listens (127.0.0.2, ::1, or what localhost resolved to), not where it usually does.
  const authority =
    listening.family === "IPv6" ? `[${listening.address}]:${port}` : `${listening.address}:${port}`;
  const origin = `http://${authority}`;
  const guard = createRequestGuard(authority, port, token);
  const headers = securityHeaders(origin);
  const { router, bus } = options.services;

  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error) => {
      options.logger.error("web host request failed", error);
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    if (!guard.hostAllowed(request)) return refuse(response, 421, "This address is not Picops's own.");
    const url = new URL(request.url ?? "/", origin);
    if (url.pathname.startsWith("/api/")) {
      if (!guard.originAllowed(request))
        return refuse(response, 403, "Requests must come from the Picops page.");
      if (!guard.tokenMatches(header(request, TOKEN_HEADER)))
        return refuse(response, 401, "Missing or wrong token.");
      const call = /^\/api\/call\/([\w.]+)$/.exec(url.pathname);
      if (call && request.method === "POST") {
        const body = await readJson(request);
        if (!body.ok) return sendJson(response, 200, body.result);
        // The page cancels a call by aborting its request: the connection closes unanswered.
        const cancel = new AbortController();
        const onClose = () => {
          if (!response.writableEnded) cancel.abort();
        };
        response.once("close", onClose);
        const result = await router.call(call[1], body.value, cancel.signal);
        response.off("close", onClose);
        if (cancel.signal.aborted) return;
        return sendJson(response, 200, result);
      }
      if (url.pathname === "/api/files" && request.method === "POST") {
        const staged = await options.services.staging.stage(request).catch(() => undefined);
        if (!staged)
          return refuse(response, 413, "The file could not be received (over 1 GB, or the upload was cut).");
        // The one way a page gives the web host a file: its staged copy.
        options.services.grantFiles([staged]);
        return sendJson(response, 200, { ok: true, value: { path: staged } });
      }
      return refuse(response, 404, "No such API route.");
    }
    if (request.method !== "GET" && request.method !== "HEAD")
      return refuse(response, 405, "Method not allowed.");
    if (url.pathname.startsWith("/media/")) {
      const download =
        request.method === "GET" ? options.services.media.takeDownload(url.pathname) : undefined;
      if (download) return streamDownload(download, response, headers, options.logger);
      return serveMedia(options.services.media, url.pathname, response, headers);
    }
    return serveStatic(rendererDir, url.pathname, response, headers);
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on("upgrade", (request, socket, head) => {
    // A socket reset mid-handshake is that caller's problem; unhandled, it would end the host.
    socket.on("error", (error) => options.logger.info("web host upgrade failed", error.message));
    const url = new URL(request.url ?? "/", origin);
    const allowed =
      url.pathname === "/api/events" &&
      guard.hostAllowed(request) &&
      guard.originAllowed(request) &&
      guard.tokenMatches(url.searchParams.get("token") ?? undefined);
    if (!allowed) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const unsubscribe = bus.subscribe((name, payload) => ws.send(JSON.stringify({ event: name, payload })));
      ws.on("close", unsubscribe);
      // The socket only carries events out; anything the page sends is ignored. A frame ws
      // refuses (over MAX_FRAME_BYTES, invalid UTF-8, a broken header) closes this socket
      // with its status code and raises 'error' here: without a listener it would end the host.
      ws.on("message", () => {});
      ws.on("error", (error) =>
        options.logger.info("web host event socket closed on a bad frame", error.message),
      );
    });
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Images the main process made for the page. Their ids are unguessable and the answer may
 * only be embedded by this origin (Cross-Origin-Resource-Policy), so no token is needed
 * for an <img> to load them.
 */
function serveMedia(
  media: MediaStore,
  pathname: string,
  response: ServerResponse,
  headers: Record<string, string>,
) {
  const item = media.get(pathname);
  if (!item) return refuse(response, 404, "This image is no longer available.");
  response.writeHead(200, {
    ...headers,
    "Content-Type": item.mimeType,
    "Content-Length": item.bytes.length,
    "Cache-Control": "private, max-age=3600, immutable",
  });
  response.end(item.bytes);
}

/**
 * A download the page asked for, read from the bucket only now and piped into the answer:
 * the bucket is read as fast as the browser takes the bytes, and a page that goes away
 * stops the read.
 */
async function streamDownload(
  download: MediaDownload,
  response: ServerResponse,
  headers: Record<string, string>,
  logger: Logger,
) {
  const stopped = new AbortController();
  response.once("close", () => stopped.abort());
  let object: Awaited<ReturnType<MediaDownload["open"]>>;
  try {
    object = await download.open(stopped.signal);
  } catch (error) {
    logger.info("web host download could not be read", (error as Error).message);
    return refuse(response, 502, "The object could not be read from the bucket.");
  }
  response.writeHead(200, {
    ...headers,
    "Content-Type": object.mimeType,
    "Content-Length": object.size,
    "Cache-Control": "no-store",
  });
  await pipeline(object.body, response).catch(() => response.destroy());
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function refuse(response: ServerResponse, status: number, message: string) {
  sendJson(response, status, { ok: false, error: { code: `http-${status}`, message } });
}

type JsonBody = { ok: true; value: unknown } | { ok: false; result: unknown };

async function readJson(request: IncomingMessage): Promise<JsonBody> {
  const invalid = (message: string): JsonBody => ({
    ok: false,
    result: { ok: false, error: { code: "invalid-input", message } },
  });
  if (!(request.headers["content-type"] ?? "").startsWith("application/json")) {
    request.resume();
    return invalid("Calls are JSON (Content-Type: application/json).");
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized payload is read to its end and dropped, so the page gets an answer
  // instead of a reset connection.
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) return invalid("The call's payload is larger than 1 MB.");
  try {
    return { ok: true, value: size === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return invalid("The call's payload is not valid JSON.");
  }
}
