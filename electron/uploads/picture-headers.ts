import { open } from "node:fs/promises";
import sharp from "sharp";
import { LARGE_PICTURE_PIXELS } from "../../shared/uploads/file-kinds";
import { type PictureHeader, type PictureHeaderReading, readPictureHeaderOrFailure } from "../engine/index";
import { gifDeclaresTransparency } from "./gif-transparency";

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
  const reading = await readFileHeaderFrom(head.subarray(0, read), path, signal);
  return "header" in reading ? reading.header : undefined;
}

/**
 * The header of a file whose first bytes (`head`, up to HEADER_BYTES) are already read, as
 * readFileHeader gives it; or libvips's reason when the file's header cannot be read at all.
 */
export async function readFileHeaderFrom(
  head: Buffer,
  path: string,
  signal?: AbortSignal,
): Promise<PictureHeaderReading> {
  const reading = await readPictureHeaderOrFailure(head, path, signal);
  if (!("header" in reading)) return reading;
  return { header: await withTrueTransparency(reading.header, head, path, signal) };
}

/**
 * The header with `alpha` as the picture has it. libvips gives every GIF an alpha channel,
 * and GIF writers (libvips's own among them) often declare a transparent colour no pixel
 * uses: a GIF is transparent when it declares one and, where its pixels are at hand (a
 * still picture in `pixels`, not too large to decode), a pixel is see-through.
 */
export async function withTrueTransparency(
  header: PictureHeader | undefined,
  head: Buffer,
  pixels: string | Buffer | undefined,
  signal?: AbortSignal,
): Promise<PictureHeader | undefined> {
  if (header?.format !== "gif" || !header.alpha) return header;
  const declared = gifDeclaresTransparency(head);
  if (declared === false) return { ...header, alpha: false };
  if (pixels === undefined || header.frames > 1 || header.width * header.height > LARGE_PICTURE_PIXELS) {
    return header;
  }
  signal?.throwIfAborted();
  try {
    const { isOpaque } = await sharp(pixels, { limitInputPixels: LARGE_PICTURE_PIXELS }).stats();
    return { ...header, alpha: !isOpaque };
  } catch {
    return header;
  }
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

  /** A header read elsewhere (at intake), so that it is not read again. */
  know(id: string, header: PictureHeader | undefined): void {
    this.#known.set(id, Promise.resolve(header));
  }

  forget(ids: Iterable<string>): void {
    for (const id of ids) this.#known.delete(id);
  }
}
