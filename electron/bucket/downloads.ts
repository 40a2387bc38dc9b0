import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type AppError, PicopsError, ThrownAppError } from "../../shared/errors";
import type { CosClient } from "../cos/client";
import { abortedError } from "../cos/retry";
import type { MediaStore } from "../media/media-store";

export interface DownloadRequest {
  bucket: string;
  keys: string[];
  /** The folder being browsed; keys below it keep their sub-folders. */
  base: string;
  signal?: AbortSignal | undefined;
}

/** The key's path below the browsed folder: `shoot/2026/a.jpg` under `shoot/` is `2026/a.jpg`. */
export function pathBelow(base: string, key: string): string {
  return key.startsWith(base) && key.length > base.length ? key.slice(base.length) : path.posix.basename(key);
}

export function toAppError(error: unknown): AppError {
  return error instanceof ThrownAppError
    ? error.toAppError()
    : new PicopsError("download-failed", "download-failed").toAppError();
}

/**
 * Electron's route: every key into the folder the designer chose, one after another (a
 * folder of originals is disk-bound, not latency-bound). A key that would land outside the
 * folder is refused; a failed key leaves no partial file and does not stop the others.
 */
export async function downloadToFolder(
  client: Pick<CosClient, "downloadObject">,
  folder: string,
  request: DownloadRequest,
): Promise<{ key: string; error?: AppError }[]> {
  const root = path.resolve(folder);
  const outcomes: { key: string; error?: AppError }[] = [];
  for (const key of request.keys) {
    if (request.signal?.aborted) throw abortedError();
    const file = path.resolve(root, ...pathBelow(request.base, key).split("/"));
    if (!file.startsWith(root + path.sep)) {
      outcomes.push({
        key,
        error: new PicopsError("invalid-input", "download-outside-folder", { key }).toAppError(),
      });
      continue;
    }
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await client.downloadObject({ bucket: request.bucket, key, file, signal: request.signal });
      outcomes.push({ key });
    } catch (error) {
      outcomes.push({ key, error: toAppError(error) });
    }
  }
  return outcomes;
}

/**
 * The browser's route (web host, no file dialog): the bytes go into the media store and the
 * page saves them from their one-off `media/<id>` URL on its own origin. Nothing on this
 * machine's disk is named by the page, and the store's byte budget bounds the memory held.
 */
export async function downloadForBrowser(
  client: Pick<CosClient, "getObject">,
  media: Pick<MediaStore, "put">,
  request: DownloadRequest,
): Promise<{ key: string; fileName: string; url: string }[]> {
  const files: { key: string; fileName: string; url: string }[] = [];
  for (const key of request.keys) {
    const { metadata, body } = await client.getObject({
      bucket: request.bucket,
      key,
      signal: request.signal,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    files.push({
      key,
      // A browser saves into one folder: sub-folders become part of the name.
      fileName: pathBelow(request.base, key).replaceAll("/", "_"),
      url: media.put(Buffer.concat(chunks), metadata.contentType ?? "application/octet-stream"),
    });
  }
  return files;
}
