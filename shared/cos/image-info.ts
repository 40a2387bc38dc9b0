import { z } from "zod";

/**
 * What COS reports about images in an UploadResult (reference §5.3), as typed values.
 * The wire form is XML of strings; electron/cos maps it to these shapes and the local
 * bucket writes them back out, so both sides agree through this one definition.
 */

/** `<ImageInfo>` of the original: Format is COS's uppercase name (JPEG, PNG, WEBP, …). */
export const ImageInfoSchema = z.object({
  format: z.string(),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  quality: z.number().int().min(0).max(100),
  /** Average colour, `0xRRGGBB`. */
  ave: z.string().regex(/^0x[0-9a-fA-F]{6}$/),
  /** EXIF orientation 0–8 (0 when absent). */
  orientation: z.number().int().min(0).max(8),
});
export type ImageInfo = z.infer<typeof ImageInfoSchema>;

/** One `<ProcessResults><Object>`: an output written by one rule. */
export const ProcessResultSchema = z.object({
  key: z.string(),
  /** Host and key, no scheme (`bucket-1250000000.cos.ap-guangzhou.myqcloud.com/a.jpg`). */
  location: z.string(),
  format: z.string(),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  size: z.number().int().nonnegative(),
  quality: z.number().int().min(0).max(100),
  /** Quoted, as COS sends it. */
  etag: z.string(),
});
export type ProcessResult = z.infer<typeof ProcessResultSchema>;

export const UploadResultSchema = z.object({
  originalInfo: z.object({
    key: z.string(),
    location: z.string(),
    etag: z.string(),
    /** Present when Pic-Operations asked for `is_pic_info: 1`. */
    imageInfo: ImageInfoSchema.optional(),
  }),
  /** Always an array, whatever the XML held (one Object or many). */
  processResults: z.array(ProcessResultSchema),
});
export type UploadResult = z.infer<typeof UploadResultSchema>;
