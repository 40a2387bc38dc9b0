import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Larger files are refused while streaming; intake refuses anything over 32 MB anyway. */
export const MAX_STAGED_BYTES = 1024 * 1024 * 1024;

/**
 * In a browser, dropped files have no path the main process can read, so the page streams
 * each one here first; the staged copy's path then goes through the same `files.add` call
 * Electron uses with real paths.
 */
export async function stageUpload(stagingDir: string, request: IncomingMessage): Promise<string> {
  const rawName = String(request.headers["x-picops-file-name"] ?? "file");
  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    name = "file";
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is replaced
  const safeName = path.basename(name).replace(/[\\/\u0000-\u001f]/g, "_") || "file";
  const folder = path.join(stagingDir, randomUUID());
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const target = path.join(folder, safeName);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback(size > MAX_STAGED_BYTES ? new Error("too large") : null, chunk);
    },
  });
  try {
    await pipeline(request, limit, createWriteStream(target, { mode: 0o600 }));
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  return target;
}
