import type { CosClient } from "../cos/client";
import { readAtMost } from "../cos/read-at-most";
import { type PictureHeader, readPictureHeader } from "../engine/index";
import type { MediaItem } from "./media-store";

/**
 * An object at most this large is worth fetching as it is rather than having COS make a
 * thumbnail of it: one plain GET of a few dozen kilobytes costs less time than COS's
 * processing round, and no image-processing fee (icons, UI assets, small exports).
 */
export const ORIGINAL_AS_THUMBNAIL_BYTES = 256 * 1024;

/**
 * How much larger than the thumbnail an original may be and still be shown as it is: the
 * renderer decodes it whole, so a tile never costs more than 16 thumbnails' pixels (a few
 * kilobytes that decompress to a 10,000-pixel-wide picture get a thumbnail from COS).
 */
const MOST_SIDE_PER_THUMBNAIL_SIDE = 4;

/** Still pictures the renderer shows exactly as COS's thumbnail would look; animated, CMYK and others get one made. */
const SHOWN_AS_THEY_ARE: Partial<Record<PictureHeader["format"], string>> = {
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};

function shownAsItIs(header: PictureHeader | undefined, thumbnailSide: number): header is PictureHeader {
  return (
    header !== undefined &&
    SHOWN_AS_THEY_ARE[header.format] !== undefined &&
    header.frames === 1 &&
    header.space !== "cmyk" &&
    Math.max(header.width, header.height) <= thumbnailSide * MOST_SIDE_PER_THUMBNAIL_SIDE
  );
}

/**
 * A small object's own bytes, to show in place of a thumbnail; undefined when it is larger
 * than ORIGINAL_AS_THUMBNAIL_BYTES (whatever the listing said: the range bounds the read)
 * or not a picture the renderer should draw as it is.
 */
export async function originalAsThumbnail(
  client: Pick<CosClient, "getObject">,
  object: { bucket: string; key: string; signal?: AbortSignal | undefined },
  thumbnailSide: number,
): Promise<MediaItem | undefined> {
  // One byte past the limit tells an object of exactly the limit from a larger one.
  const download = await client.getObject({ ...object, range: `bytes=0-${ORIGINAL_AS_THUMBNAIL_BYTES}` });
  const bytes = await readAtMost(download.body, ORIGINAL_AS_THUMBNAIL_BYTES + 1);
  if (bytes.length > ORIGINAL_AS_THUMBNAIL_BYTES) return undefined;
  const header = await readPictureHeader(bytes, bytes, object.signal);
  if (!shownAsItIs(header, thumbnailSide)) return undefined;
  return { bytes, mimeType: SHOWN_AS_THEY_ARE[header.format] as string };
}
