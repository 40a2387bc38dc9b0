import type { ConnectionClients } from "../connections/clients";
import type { MediaStore } from "./media-store";
import { ORIGINAL_AS_THUMBNAIL_BYTES, originalAsThumbnail } from "./original-as-thumbnail";

export interface ThumbnailRequest {
  connectionId: string;
  bucket: string;
  key: string;
  /** Longest side in pixels. */
  size: number;
  /** The object's ETag, so a replaced object gets a new thumbnail. */
  etag?: string | undefined;
  /** The object's size as listed: a small one is shown as it is (see originalAsThumbnail). */
  bytes?: number | undefined;
  signal?: AbortSignal;
}

/**
 * Thumbnails remembered at most: the media store lets their images go by its byte budget,
 * and this keeps the ids pointing at them from growing with every object ever scrolled past.
 */
const REMEMBERED = 10_000;
/** A tile-sized WebP is tens of kilobytes: an answer past this is not a thumbnail. */
const THUMBNAIL_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Thumbnails of objects in a bucket, made by COS itself through download-time processing
 * (nothing is stored in the bucket) and cached in the main process; a small still picture
 * is its own thumbnail.
 */
export class Thumbnails {
  readonly #cache = new Map<string, string>();
  readonly #pending = new Map<string, Promise<string>>();

  constructor(
    private readonly clients: ConnectionClients,
    private readonly media: MediaStore,
  ) {}

  async get(request: ThumbnailRequest): Promise<string> {
    const id = [request.connectionId, request.bucket, request.key, request.etag ?? "", request.size].join(
      "\u0000",
    );
    const cached = this.#cache.get(id);
    if (cached && this.media.get(cached)) return cached;
    this.#cache.delete(id);
    let pending = this.#pending.get(id);
    if (!pending) {
      pending = this.#make(request).finally(() => this.#pending.delete(id));
      this.#pending.set(id, pending);
    }
    const url = await pending;
    this.#cache.set(id, url);
    for (const oldest of this.#cache.keys()) {
      if (this.#cache.size <= REMEMBERED) break;
      this.#cache.delete(oldest);
    }
    return url;
  }

  async #make(request: ThumbnailRequest): Promise<string> {
    const client = await this.clients.get(request.connectionId);
    const object = { bucket: request.bucket, key: request.key, signal: request.signal };
    if (request.bytes !== undefined && request.bytes <= ORIGINAL_AS_THUMBNAIL_BYTES) {
      const original = await originalAsThumbnail(client, object, request.size);
      if (original) return this.media.put(original.bytes, original.mimeType);
    }
    const image = await client.getProcessedImage({
      ...object,
      rule: `imageMogr2/thumbnail/${request.size}x${request.size}>/format/webp/quality/80`,
      maxBytes: THUMBNAIL_MAX_BYTES,
    });
    return this.media.put(image.bytes, image.contentType);
  }
}
