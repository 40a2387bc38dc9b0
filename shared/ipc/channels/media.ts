import { z } from "zod";

/** A `media/<id>` path relative to the page: an image the main process made for the renderer. */
export const MediaUrlSchema = z.string().regex(/^media\/[0-9a-f-]{36}$/);

export const mediaChannels = {
  "media.thumbnail": {
    input: z
      .object({
        bucket: z.string().min(1).max(60),
        key: z.string().min(1).max(1024),
        size: z.number().int().min(16).max(1024),
        etag: z.string().max(80).optional(),
        /** The object's size as listed; the main process bounds what it reads whatever this says. */
        bytes: z.number().int().min(0).optional(),
      })
      .strict(),
    output: z.object({ url: MediaUrlSchema }),
  },
} as const;
