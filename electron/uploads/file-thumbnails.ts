import sharp from "sharp";
import { PicopsError } from "../../shared/errors";
import type { IntakeFile } from "../../shared/uploads/intake";
import type { Handlers } from "../ipc/router";
import type { MediaStore } from "../media/media-store";

/**
 * Thumbnails of the files added to an upload, made from the file on this machine (nothing is
 * in a bucket yet) and cached for as long as the file is in the list.
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
    // The first frame of an animation; rotated as it will be shown.
    const bytes = await sharp(file.path)
      .rotate()
      .resize(size, size, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    const url = this.media.put(bytes, "image/webp");
    this.#made.set(id, url);
    return url;
  }
}

export function fileThumbnailHandlers(thumbnails: FileThumbnails): Pick<Handlers, "files.thumbnail"> {
  return { "files.thumbnail": async ({ fileId, size }) => ({ url: await thumbnails.get(fileId, size) }) };
}
