/**
 * Object keys that name an image by their extension: the bucket browser asks thumbnails only
 * for these, and processing a folder picks only these. COS checks the content itself; this
 * only spares asking it about a `.txt`.
 */
const IMAGE_KEY = /\.(jpe?g|png|gif|webp|bmp|avif|heic|heif|tiff?)$/i;

export function isImageKey(key: string): boolean {
  return IMAGE_KEY.test(key);
}
