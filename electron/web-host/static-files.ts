import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import path from "node:path";
import { contentTypeFor } from "../mime-types";

/** Serves the built renderer; anything outside `root` is a 404, never a file. */
export async function serveStatic(
  root: string,
  urlPath: string,
  response: ServerResponse,
  headers: Record<string, string>,
) {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath === "/" ? "/index.html" : urlPath);
  } catch {
    // Broken percent-encoding names no file; it is not the host's failure.
    return notFound(response);
  }
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(root + path.sep)) return notFound(response);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return notFound(response);
  response.writeHead(200, {
    ...headers,
    "Content-Type": contentTypeFor(file),
    "Content-Length": info.size,
    "Cache-Control": file.endsWith(".html") ? "no-store" : "max-age=3600",
  });
  createReadStream(file).pipe(response);
}

function notFound(response: ServerResponse) {
  response.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
}
