import { open } from "node:fs/promises";
import { type PictureHeader, readPictureHeader } from "../engine/index";

/** Enough of a file's start for a JPEG's tables and a BMP's header (libvips reads the rest of the header itself). */
export const HEADER_BYTES = 128 * 1024;
/** Files read at once: a header is a few reads, they wait on the disk, not the CPU. */
const READS_AT_ONCE = 8;

/** The header of a file on this machine; undefined when it is no picture the engine reads. */
export async function readFileHeader(path: string, signal?: AbortSignal): Promise<PictureHeader | undefined> {
  const head = Buffer.alloc(HEADER_BYTES);
  let read = 0;
  try {
    const handle = await open(path, "r");
    try {
      ({ bytesRead: read } = await handle.read(head, 0, HEADER_BYTES, 0));
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  return readPictureHeader(head.subarray(0, read), path, signal);
}

/**
 * Headers of many pictures, a few at a time, each read once: files do not change once
 * added (adding one again gives it a new id), so the cache is by id.
 */
export class PictureHeaders {
  readonly #known = new Map<string, Promise<PictureHeader | undefined>>();

  async of(
    items: { id: string; read(signal?: AbortSignal): Promise<PictureHeader | undefined> }[],
    signal?: AbortSignal,
  ): Promise<(PictureHeader | undefined)[]> {
    const headers = new Array<PictureHeader | undefined>(items.length);
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < items.length; index = next++) {
        signal?.throwIfAborted();
        const item = items[index] as (typeof items)[number];
        let header = this.#known.get(item.id);
        if (!header) {
          header = item.read(signal);
          this.#known.set(item.id, header);
          // A cancelled read is read again next time.
          header.catch(() => this.#known.delete(item.id));
        }
        headers[index] = await header;
      }
    };
    await Promise.all(Array.from({ length: READS_AT_ONCE }, worker));
    return headers;
  }

  forget(ids: Iterable<string>): void {
    for (const id of ids) this.#known.delete(id);
  }
}
