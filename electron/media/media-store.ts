import { randomUUID } from "node:crypto";

export interface MediaItem {
  bytes: Buffer;
  mimeType: string;
}

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
  #bytes = 0;

  constructor(private readonly budgetBytes = 256 * 1024 * 1024) {}

  /** Stores an image and returns the URL path the renderer uses, relative to the page. */
  put(bytes: Buffer, mimeType: string): string {
    const type = SHOWABLE.has(mimeType) ? mimeType : "application/octet-stream";
    const id = randomUUID();
    this.#items.set(id, { bytes, mimeType: type });
    this.#bytes += bytes.length;
    for (const [oldId, item] of this.#items) {
      if (this.#bytes <= this.budgetBytes || oldId === id) break;
      this.#items.delete(oldId);
      this.#bytes -= item.bytes.length;
    }
    return `media/${id}`;
  }

  /** Looks up `media/<id>` (or `/media/<id>`); refreshes its place in the LRU order. */
  get(urlPath: string): MediaItem | undefined {
    const id = /^\/?media\/([0-9a-f-]{36})$/.exec(urlPath)?.[1];
    const item = id ? this.#items.get(id) : undefined;
    if (id && item) {
      this.#items.delete(id);
      this.#items.set(id, item);
    }
    return item;
  }
}
