import { z } from "zod";
import { PicopsError } from "../../shared/errors";

/**
 * `GET /<key>?imageInfo` (reference §6): JSON whose values are all strings on the wire,
 * mapped to numbers here. Fields beyond format/size/dimensions vary between doc versions,
 * so they are optional.
 */

const wireInt = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const number = Number(value);
  if (!Number.isInteger(number)) {
    ctx.addIssue({ code: "custom", message: `"${value}" is not a whole number` });
    return z.NEVER;
  }
  return number;
});

const WireImageInfoSchema = z.object({
  format: z.string(),
  width: wireInt,
  height: wireInt,
  size: wireInt,
  md5: z.string().optional(),
  frame_count: wireInt.optional(),
  bit_depth: wireInt.optional(),
  vertical_dpi: wireInt.optional(),
  horizontal_dpi: wireInt.optional(),
  dynamic_range: z.string().optional(),
  photo_rgb: z.string().optional(),
});

/** What Cloud Infinite's "Get Basic Image Info" reports, typed. */
export interface BasicImageInfo {
  /** Lowercase: `jpeg`, `png`, `gif`, `webp`, … */
  format: string;
  width: number;
  height: number;
  size: number;
  md5: string | undefined;
  frameCount: number;
  bitDepth: number | undefined;
  verticalDpi: number | undefined;
  horizontalDpi: number | undefined;
  dynamicRange: string | undefined;
  /** Average colour `0xRRGGBB`, reported by older COS versions. */
  photoRgb: string | undefined;
}

export function parseBasicImageInfo(json: string): BasicImageInfo {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    throw new PicopsError("malformed-response", "image-info-not-json");
  }
  const parsed = WireImageInfoSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PicopsError("malformed-response", "image-info-unreadable", {
      field: issue?.path.join(".") ?? "",
    });
  }
  const info = parsed.data;
  return {
    format: info.format,
    width: info.width,
    height: info.height,
    size: info.size,
    md5: info.md5,
    frameCount: info.frame_count ?? 1,
    bitDepth: info.bit_depth,
    verticalDpi: info.vertical_dpi,
    horizontalDpi: info.horizontal_dpi,
    dynamicRange: info.dynamic_range,
    photoRgb: info.photo_rgb,
  };
}
