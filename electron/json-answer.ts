import type { ServerResponse } from "node:http";

/**
 * A JSON answer from one of Picops's loopback servers (the web host, the PicGo endpoint):
 * never cached, never sniffed, and with no Access-Control-* headers, so no web page may read it.
 */
export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  response.end(body);
}
