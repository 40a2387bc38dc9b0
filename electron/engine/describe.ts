import type { ImageInfo } from "../../shared/cos/image-info";
import { averageColour } from "./average-colour";
import { exifTiff } from "./exif";
import { type ExifJson, exifJson } from "./exif-json";
import { IMAGE_FORMATS } from "./formats";
import { UNMEASURED_QUALITY } from "./quality";
import { openSource, type SourceImage } from "./source";

export interface ImageDescription extends ImageInfo {
  size: number;
  frameCount: number;
  bitDepth: number;
  /** Pixels per inch the file records, if any (`?imageInfo`'s dpi fields). */
  density: number | undefined;
  mimeType: string;
  extension: string;
}

/**
 * What COS reports about an original (`<ImageInfo>`, reference §5.3) and what `?imageInfo`
 * returns (§6). Quality is estimated from JPEG quantisation tables; other formats report
 * 100 (WebP/AVIF keep no quality setting a reader can recover without decoding).
 */
export async function describeImage(
  input: Buffer,
  options: { signal?: AbortSignal } = {},
): Promise<ImageDescription> {
  const source = await openSource(input, options.signal);
  const { mimeType, extension } = IMAGE_FORMATS[source.format];
  return {
    ...imageInfoOf(source, await averageColour(source, options.signal)),
    size: input.length,
    frameCount: source.frameCount,
    bitDepth: source.bitDepth,
    density: source.density,
    mimeType,
    extension,
  };
}

/** `<ImageInfo>` from an original's header and its mean colour, however that was read. */
export function imageInfoOf(source: SourceImage, ave: string): ImageInfo {
  return {
    format: IMAGE_FORMATS[source.format].cosName,
    width: source.width,
    height: source.height,
    quality: source.quality ?? UNMEASURED_QUALITY,
    ave,
    orientation: source.orientation,
  };
}

/** `?exif`: the original's EXIF tags as CI lists them, or undefined when it has none. */
export async function describeExif(
  input: Buffer,
  options: { signal?: AbortSignal } = {},
): Promise<ExifJson | undefined> {
  const { exif } = await openSource(input, options.signal);
  return exif ? exifJson(exifTiff(exif)) : undefined;
}
