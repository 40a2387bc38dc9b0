import { createContext, useContext } from "react";
import type { ApiClient } from "../api";
import { createThumbnailQueue } from "./thumbnail-queue";

export interface ThumbnailRequest {
  bucket: string;
  objectKey: string;
  etag: string;
  size: number;
  /** The object's size as listed, so a small picture can be shown as it is. */
  bytes?: number | undefined;
}

/** Where thumbnails come from: the main process makes them, a few at a time, once per session. */
export interface ThumbnailSource {
  /** The thumbnail's address when it was already made this session, so scrolling back shows it at once. */
  made(request: ThumbnailRequest): string | undefined;
  /** Asks for a thumbnail in turn; the returned function withdraws the request if it has not started. */
  request(request: ThumbnailRequest, answer: { made(url: string): void; failed(): void }): () => void;
}

export function createThumbnailSource(api: ApiClient): ThumbnailSource {
  const made = new Map<string, string>();
  const queue = createThumbnailQueue();
  const idOf = (request: ThumbnailRequest) =>
    `${request.bucket}/${request.objectKey}/${request.etag}/${request.size}`;
  return {
    made: (request) => made.get(idOf(request)),
    request: (request, answer) =>
      queue(() =>
        api
          .call("media.thumbnail", {
            bucket: request.bucket,
            key: request.objectKey,
            size: request.size,
            etag: request.etag,
            bytes: request.bytes,
          })
          .then(
            (result) => {
              made.set(idOf(request), result.url);
              answer.made(result.url);
            },
            () => answer.failed(),
          ),
      ),
  };
}

const ThumbnailSourceContext = createContext<ThumbnailSource | undefined>(undefined);
ThumbnailSourceContext.displayName = "ThumbnailSource";

/** Gives the thumbnails below one source: the app's, or a test's with a fake client. */
export const ThumbnailSourceProvider = ThumbnailSourceContext.Provider;

export function useThumbnailSource(): ThumbnailSource {
  const source = useContext(ThumbnailSourceContext);
  if (!source) throw new Error("Thumbnail needs a ThumbnailSourceProvider above it (see app/stores.tsx).");
  return source;
}
