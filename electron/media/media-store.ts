import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { PicopsError } from "../../shared/errors";

export interface MediaItem {
  bytes: Buffer;
  mimeType: string;
}

/**
 * Something the page saves through its browser's own download (an object in a bucket): held
 * as a way to read it, never as bytes, and read only when the page asks, straight into the
 * answer, so a 1 GB object costs the host a few buffers, not a gigabyte.
 */
export interface MediaDownload {
  open(signal: AbortSignal): Promise<{ mimeType: string; size: number; body: Readable }>;
}

/** What the store holds at most, and so the largest image worth reading to show. */
export const MEDIA_BUDGET_BYTES = 256 * 1024 * 1024;

/** Downloads asked for but never fetched are dropped past this many, oldest first. */
const MAX_DOWNLOADS = 1000;

/** Only raster images the renderer can show; never HTML or SVG, which could carry script. */
const SHOWABLE = new Set(["image/jpeg", "image/png", "image/webp", "image/gif", "image/avif", "image/bmp"]);

/**
 * Images the main process hands to the renderer (previews, thumbnails), by unguessable
 * id. Both hosts serve them at `media/<id>` on the app's own origin, so the page's CSP
 * (`img-src 'self'`) covers them and no file path ever reaches the renderer.
 * Least recently used items go first once the byte budget is spent.
 */
export class MediaStore {
  readonly #items = new Map<string, MediaItem>();
  readonly #downloads = new Map<string, MediaDownload>();
  #bytes = 0;

  constructor(private readonly budgetBytes = MEDIA_BUDGET_BYTES) {}

  /**
   * Stores an image and returns the URL path the renderer uses, relative to the page. The
   * store never holds more than its budget: older items go first, and an item larger than
   * the whole budget is refused rather than kept.
   */
  put(bytes: Buffer, mimeType: string): string {
    if (bytes.length > this.budgetBytes) {
      const megabytes = (bytes.length / (1024 * 1024)).toFixed(1);
      const budget = Math.round(this.budgetBytes / (1024 * 1024));
      throw new PicopsError("media-too-large", "media-too-large", { megabytes, budget }, { status: 413 });
    }
    const id = randomUUID();
    this.#items.set(id, { bytes, mimeType: servedType(mimeType) });
    this.#bytes += bytes.length;
    for (const [oldId, item] of this.#items) {
      if (this.#bytes <= this.budgetBytes || oldId === id) break;
      this.#items.delete(oldId);
      this.#bytes -= item.bytes.length;
    }
    return `media/${id}`;
  }

  /** Registers a download and returns its one-off URL path, relative to the page. */
  addDownload(download: MediaDownload): string {
    const id = randomUUID();
    this.#downloads.set(id, download);
    for (const oldId of this.#downloads.keys()) {
      if (this.#downloads.size <= MAX_DOWNLOADS) break;
      this.#downloads.delete(oldId);
    }
    return `media/${id}`;
  }

  /** The download at `media/<id>`, which is then gone: each is fetched once, by the page that asked. */
  takeDownload(urlPath: string): MediaDownload | undefined {
    const id = mediaId(urlPath);
    const download = id ? this.#downloads.get(id) : undefined;
    if (id) this.#downloads.delete(id);
    return download;
  }

  /** Looks up `media/<id>` (or `/media/<id>`); refreshes its place in the LRU order. */
  get(urlPath: string): MediaItem | undefined {
    const id = mediaId(urlPath);
    const item = id ? this.#items.get(id) : undefined;
    if (id && item) {
      this.#items.delete(id);
      this.#items.set(id, item);
    }
    return item;
  }
}

function mediaId(urlPath: string): string | undefined {
  return /^\/?media\/([0-9a-f-]{36})$/.exec(urlPath)?.[1];
}

/** What the answer says it holds: an image type the page may show, or opaque bytes. */
export function servedType(mimeType: string): string {
  return SHOWABLE.has(mimeType) ? mimeType : "application/octet-stream";
}
