import sharp from "sharp";
import type { PixelSize } from "../../shared/ipc/channels/bucket";
import type { CosClient } from "../cos/client";

/** JPEG and PNG name their size in the first bytes; 64 KiB also covers a JPEG's EXIF before its SOF. */
const HEADER_BYTES = 64 * 1024;
/** Enough for the folders a designer looks at in one session; the oldest entries go first. */
const CACHED = 20_000;

type PixelClient = Pick<CosClient, "getObject" | "imageInfo">;

async function headerOf(client: PixelClient, bucket: string, key: string, signal?: AbortSignal) {
  const { body } = await client.getObject({ bucket, key, range: `bytes=0-${HEADER_BYTES - 1}`, signal });
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    if (length >= HEADER_BYTES) break;
  }
  body.destroy();
  return Buffer.concat(chunks);
}

/**
 * Objects' pixel sizes for the list view: the header bytes are enough for JPEG and PNG; a format
 * whose header sharp cannot read alone (WebP, GIF) is asked of COS (`?imageInfo`). An object's
 * bytes change only with its ETag, so the answer is kept by it.
 */
export class PixelSizes {
  readonly #cache = new Map<string, PixelSize | undefined>();

  async read(
    client: PixelClient,
    object: { bucket: string; key: string; etag: string },
    signal?: AbortSignal,
  ): Promise<PixelSize | undefined> {
    const id = `${object.bucket}\u0000${object.key}\u0000${object.etag}`;
    if (this.#cache.has(id)) return this.#cache.get(id);
    const pixels = await this.#measure(client, object.bucket, object.key, signal);
    if (this.#cache.size >= CACHED) this.#cache.delete(this.#cache.keys().next().value as string);
    this.#cache.set(id, pixels);
    return pixels;
  }

  async #measure(client: PixelClient, bucket: string, key: string, signal?: AbortSignal) {
    const header = await headerOf(client, bucket, key, signal);
    try {
      const { width, height } = await sharp(header).metadata();
      if (width && height) return { width, height };
    } catch {
      // Not readable from its first bytes alone: COS reads the whole image below.
    }
    try {
      const info = await client.imageInfo({ bucket, key, signal });
      return { width: info.width, height: info.height };
    } catch {
      return undefined;
    }
  }
}
