import type { RuleImageFormat } from "../../shared/rules/ast";

/** An image format as COS names it in results, with what the engine needs to know to write it. */
export interface ImageFormat {
  /** COS's uppercase name, as in `<Format>` (reference §5.3). */
  cosName: "JPEG" | "PNG" | "WEBP" | "GIF" | "BMP" | "AVIF" | "HEIF";
  mimeType: string;
  extension: string;
  /** Whether `quality` applies (reference §8: ignored for PNG/GIF/BMP). */
  lossy: boolean;
  /** Whether transparent pixels survive; others are flattened onto white. */
  alpha: boolean;
  /** Whether the engine writes EXIF into this container. */
  exif: boolean;
}

export const IMAGE_FORMATS = {
  jpg: { cosName: "JPEG", mimeType: "image/jpeg", extension: "jpg", lossy: true, alpha: false, exif: true },
  png: { cosName: "PNG", mimeType: "image/png", extension: "png", lossy: false, alpha: true, exif: true },
  webp: { cosName: "WEBP", mimeType: "image/webp", extension: "webp", lossy: true, alpha: true, exif: true },
  gif: { cosName: "GIF", mimeType: "image/gif", extension: "gif", lossy: false, alpha: true, exif: false },
  bmp: { cosName: "BMP", mimeType: "image/bmp", extension: "bmp", lossy: false, alpha: false, exif: false },
  avif: { cosName: "AVIF", mimeType: "image/avif", extension: "avif", lossy: true, alpha: true, exif: false },
  heif: { cosName: "HEIF", mimeType: "image/heif", extension: "heic", lossy: true, alpha: true, exif: false },
} as const satisfies Record<string, ImageFormat>;

export type FormatName = keyof typeof IMAGE_FORMATS;

/** The rule spellings the engine can write; `yjpeg` and `tpg` are Tencent's own codecs. */
export function isWritableFormat(format: RuleImageFormat): format is FormatName {
  return format in IMAGE_FORMATS;
}
