import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type AppError, PicopsError, ThrownAppError } from "../../shared/errors";
import type { CosClient } from "../cos/client";
import { abortedError } from "../cos/retry";
import { type MediaStore, servedType } from "../media/media-store";

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
 * The browser's route (web host, no file dialog): each key gets a one-off `media/<id>` URL on
 * the page's own origin, and the page saves it with the browser's own download. Nothing on
 * this machine's disk is named by the page. Each key is looked up now, so a missing one is
 * reported at once; its bytes are read only when the page fetches the URL, streamed from the
 * bucket into the answer, never held whole.
 */
export async function downloadForBrowser(
  client: Pick<CosClient, "headObject" | "getObject">,
  media: Pick<MediaStore, "addDownload">,
  request: DownloadRequest,
): Promise<{ key: string; fileName: string; url: string }[]> {
  const files: { key: string; fileName: string; url: string }[] = [];
  const { bucket } = request;
  for (const key of request.keys) {
    await client.headObject({ bucket, key, signal: request.signal });
    const url = media.addDownload({
      async open(signal) {
        const { metadata, body } = await client.getObject({ bucket, key, signal });
        return {
          mimeType: servedType(metadata.contentType ?? ""),
          size: metadata.contentLength,
          body,
        };
      },
    });
    // A browser saves into one folder: sub-folders become part of the name.
    files.push({ key, fileName: pathBelow(request.base, key).replaceAll("/", "_"), url });
  }
  return files;
}
