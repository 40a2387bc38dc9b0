import { z } from "zod";

export const IntakeProblemSchema = z.object({
  code: z.enum(["not-an-image", "too-large", "unreadable", "corrupt", "too-many-pixels"]),
  message: z.string(),
  /** The specifics a translated message needs: libvips's reason, the pixel size, the errno code. */
  detail: z.string().optional(),
});
export type IntakeProblem = z.infer<typeof IntakeProblemSchema>;

/** A file the designer added, as checked on the way in. */
export const IntakeFileSchema = z.object({
  id: z.string(),
  /** Where the main process reads it (a staged copy under the web host). */
  path: z.string(),
  relativePath: z.string(),
  size: z.number().int().nonnegative(),
  format: z.enum(["jpeg", "png", "gif", "webp", "bmp", "avif", "heif", "tiff"]).optional(),
  /** Pixel size, as its header says (read on the way in). */
  width: z.number().int().nonnegative().optional(),
  height: z.number().int().nonnegative().optional(),
  /** More than one frame: an animated GIF or WebP, which some operations cannot handle. */
  animated: z.boolean().optional(),
  /** Set when the file is kept out of the run, with the reason. */
  problem: IntakeProblemSchema.optional(),
});
export type IntakeFile = z.infer<typeof IntakeFileSchema>;
