import sharp, { type Metadata } from "sharp";
import type { CosClient } from "../cos/client";
import { readAtMost } from "../cos/read-at-most";
import { untilAborted } from "../engine/abort";
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

/**
 * Still pictures the renderer shows as COS's thumbnail of them would look, by libvips's
 * name for their format; animated, CMYK and other pictures get a thumbnail made.
 */
const SHOWN_AS_THEY_ARE: Readonly<Record<string, string>> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};

/** The type to show a picture as, when it may be shown as it is in a tile of `thumbnailSide` pixels. */
function shownAs(metadata: Metadata, thumbnailSide: number): string | undefined {
  const mimeType = SHOWN_AS_THEY_ARE[metadata.format ?? ""];
  const still = (metadata.pages ?? 1) === 1;
  const small =
    Math.max(metadata.width ?? Number.POSITIVE_INFINITY, metadata.height ?? Number.POSITIVE_INFINITY) <=
    thumbnailSide * MOST_SIDE_PER_THUMBNAIL_SIDE;
  return still && small && metadata.space !== "cmyk" ? mimeType : undefined;
}

/**
 * A small picture's own bytes (at most ORIGINAL_AS_THUMBNAIL_BYTES) as its thumbnail in a
 * tile of `thumbnailSide` pixels, when the renderer shows them as a made thumbnail would
 * look; undefined when one has to be made.
 */
export async function asItsOwnThumbnail(
  bytes: Buffer,
  thumbnailSide: number,
  signal?: AbortSignal,
): Promise<MediaItem | undefined> {
  // Only the header is read (no quality estimate, no pixels): this runs for every small tile.
  const metadata = await untilAborted(sharp(bytes).metadata(), signal).catch((error: unknown) => {
    if (signal?.aborted) throw error;
    return undefined;
  });
  const mimeType = metadata && shownAs(metadata, thumbnailSide);
  return mimeType ? { bytes, mimeType } : undefined;
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
  return asItsOwnThumbnail(bytes, thumbnailSide, object.signal);
}
