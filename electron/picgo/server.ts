import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sendJson } from "../json-answer";
import type { Logger } from "../logger";
import { failure, type PicGoAnswer, PicGoRefusal } from "./answers";
import { checkCaller } from "./guard";
import { type EditorRequest, readEditorRequest } from "./requests";

export interface PicGoServerOptions {
  port: number;
  /** Read per request, so a new key applies at once. */
  key(): string;
  upload(request: EditorRequest): Promise<PicGoAnswer>;
  logger: Logger;
}

export interface RunningPicGoServer {
  port: number;
  close(): Promise<void>;
}

/**
 * PicGo's local server, as editors call it: `POST /upload` and `/heartbeat` (PicGo answers
 * it on POST, PicList on GET too, to tell whether the port is one of theirs). Listens on
 * 127.0.0.1 only. Rejects with the listen error (EADDRINUSE when the port is taken).
 */
export async function startPicGoServer(options: PicGoServerOptions): Promise<RunningPicGoServer> {
  const server = createServer((request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      options.logger.error("PicGo endpoint request failed", error);
      if (!response.headersSent) sendJson(response, 500, failure("Picops failed to handle the request."));
      else response.destroy();
    });
  });
  await listen(server, options.port);
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}

async function handle(request: IncomingMessage, response: ServerResponse, options: PicGoServerOptions) {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  try {
    checkCaller(request, url, options.key());
    if (url.pathname === "/heartbeat" && (request.method === "POST" || request.method === "GET")) {
      request.resume();
      return sendJson(response, 200, { success: true, result: "alive" });
    }
    if (url.pathname !== "/upload")
      throw new PicGoRefusal(`Picops answers /upload and /heartbeat only.`, 404);
    if (request.method !== "POST") throw new PicGoRefusal("Upload with POST.", 405);
    const answer = await options.upload(await readEditorRequest(request));
    // The editor shows the reason in a notice that soon goes; the log keeps it.
    if (!answer.success) options.logger.info("PicGo endpoint: nothing uploaded", answer.message);
    sendJson(response, 200, answer);
  } catch (error) {
    if (!(error instanceof PicGoRefusal)) throw error;
    request.resume();
    sendJson(response, error.status, failure(error.message));
  }
}
