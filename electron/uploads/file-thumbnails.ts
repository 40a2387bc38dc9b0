import { open } from "node:fs/promises";
import sharp from "sharp";
import { PicopsError } from "../../shared/errors";
import type { IntakeFile } from "../../shared/uploads/intake";
import type { Handlers } from "../ipc/router";
import type { MediaItem, MediaStore } from "../media/media-store";
import { asItsOwnThumbnail, ORIGINAL_AS_THUMBNAIL_BYTES } from "../media/original-as-thumbnail";

/**
 * Thumbnails of the files added to an upload, made from the file on this machine (nothing is
 * in a bucket yet) and cached for as long as the file is in the list; a small still picture
 * is its own thumbnail, as in the bucket browser.
 */
export class FileThumbnails {
  readonly #made = new Map<string, string>();

  constructor(
    private readonly files: () => IntakeFile[],
    private readonly media: MediaStore,
  ) {}

  async get(fileId: string, size: number): Promise<string> {
    const id = `${fileId}/${size}`;
    const made = this.#made.get(id);
    if (made && this.media.get(made)) return made;
    const file = this.files().find((candidate) => candidate.id === fileId && !candidate.problem);
    if (!file) throw new PicopsError("not-found", "file-gone", {});
    const thumbnail = await this.#thumbnail(file.path, file.size, size);
    const url = this.media.put(thumbnail.bytes, thumbnail.mimeType);
    this.#made.set(id, url);
    return url;
  }

  async #thumbnail(path: string, fileBytes: number, size: number): Promise<MediaItem> {
    const small =
      fileBytes <= ORIGINAL_AS_THUMBNAIL_BYTES
        ? await readIfAtMost(path, ORIGINAL_AS_THUMBNAIL_BYTES)
        : undefined;
    const itself = small && (await asItsOwnThumbnail(small, size));
    if (itself) return itself;
    // The first frame of an animation; rotated as it will be shown.
    const bytes = await sharp(path)
      .rotate()
      .resize(size, size, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { bytes, mimeType: "image/webp" };
  }
}

/** The file's bytes when it has at most `limit` of them (it may have grown since it was added), else undefined. */
async function readIfAtMost(path: string, limit: number): Promise<Buffer | undefined> {
  // A file that cannot be opened is left to the thumbnail maker, which says so as before.
  const handle = await open(path, "r").catch(() => undefined);
  if (!handle) return undefined;
  try {
    const buffer = Buffer.allocUnsafe(limit + 1);
    const { bytesRead } = await handle.read(buffer, 0, limit + 1, 0);
    // A copy of just the bytes read: the media store would otherwise keep the whole buffer.
    return bytesRead > limit ? undefined : Buffer.from(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

export function fileThumbnailHandlers(thumbnails: FileThumbnails): Pick<Handlers, "files.thumbnail"> {
  return { "files.thumbnail": async ({ fileId, size }) => ({ url: await thumbnails.get(fileId, size) }) };
}
