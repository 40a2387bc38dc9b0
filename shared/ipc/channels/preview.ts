import { z } from "zod";
import { AppErrorSchema } from "../../errors";
import { MediaUrlSchema } from "./media";

/** What the before/after preview shows: a file the designer added, or an object in a bucket. */
export const PreviewSampleSchema = z.discriminatedUnion("kind", [
  z
    .object({ kind: z.literal("file"), fileId: z.string().min(1).max(64), name: z.string().max(1024) })
    .strict(),
  z
    .object({
      kind: z.literal("object"),
      bucket: z.string().min(1).max(60),
      key: z.string().min(1).max(1024),
      etag: z.string().max(80).optional(),
    })
    .strict(),
]);
export type PreviewSample = z.infer<typeof PreviewSampleSchema>;

/** Who makes the *after* image: the local engine, or COS itself (download-time processing). */
export const PreviewProducerSchema = z.enum(["local", "cos"]);
export type PreviewProducer = z.infer<typeof PreviewProducerSchema>;

export const PreviewRequestSchema = z
  .object({
    /** One per renderer view: a newer `seq` of the same view supersedes older ones. */
    view: z.string().min(1).max(64),
    seq: z.number().int().nonnegative(),
    sample: PreviewSampleSchema,
    rule: z.string().max(8192),
    producer: PreviewProducerSchema,
    /**
     * `working`: the fast run on the downscaled working copy, for typing; `full`: the run on
     * the original that gives the real sizes, asked for once the working answer is shown.
     */
    resolution: z.enum(["working", "full"]),
  })
  .strict();
export type PreviewRequest = z.infer<typeof PreviewRequestSchema>;

/** An image shown in the preview, with COS's format name (JPEG, WEBP, …) and its real numbers. */
const PictureSchema = z.object({
  url: MediaUrlSchema,
  format: z.string(),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});

export const PreviewBeforeSchema = PictureSchema.extend({
  /** Present when the picture is a downscaled working copy; the other numbers are the original's. */
  working: z
    .object({ width: z.number().int(), height: z.number().int(), bytes: z.number().int() })
    .optional(),
});
export type PreviewBefore = z.infer<typeof PreviewBeforeSchema>;

/**
 * A rectangle on the original, in the original's pixels: where the output lies when it is
 * drawn over the original. `turn` (degrees clockwise) is how far the output is turned against
 * the original, about the rectangle's centre; `mirrored`, that the output is the original
 * mirrored left to right along its own width (before the turn); a padded output reaches past
 * the original's edges.
 */
export const PreviewRegionSchema = z.object({
  left: z.number(),
  top: z.number(),
  width: z.number().positive(),
  height: z.number().positive(),
  turn: z.number().gt(-180).lte(180).optional(),
  mirrored: z.literal(true).optional(),
});
export type PreviewRegion = z.infer<typeof PreviewRegionSchema>;

export const PreviewAfterSchema = z.discriminatedUnion("kind", [
  PictureSchema.extend({
    kind: z.literal("image"),
    producer: PreviewProducerSchema,
    /** `working-copy`: made from the working copy, so sizes and bytes are the working copy's. */
    scope: z.enum(["working-copy", "original"]),
    /**
     * The part of the original the output shows, when it is known and is not the whole picture
     * as it is (a crop, a cover thumbnail, a turn, padding): the comparison draws the output
     * over it and outlines what is cut.
     */
    region: PreviewRegionSchema.optional(),
    /**
     * Where the output lies on the original cannot be known here (a smart crop picks its
     * region from the pixels; a style whose rule could not be read from the bucket): it is shown whole,
     * not lined up.
     */
    regionUnknown: z.literal(true).optional(),
  }),
  /** No picture: an invalid rule (`invalid-rule`, path = [column]), `not-supported-locally`, a COS error. */
  z.object({ kind: z.literal("problem"), producer: PreviewProducerSchema, error: AppErrorSchema }),
]);
export type PreviewAfter = z.infer<typeof PreviewAfterSchema>;

export const PreviewAnswerSchema = z.object({
  seq: z.number().int(),
  before: PreviewBeforeSchema,
  after: PreviewAfterSchema,
});
export type PreviewAnswer = z.infer<typeof PreviewAnswerSchema>;

export const previewChannels = {
  "preview.render": { input: PreviewRequestSchema, output: PreviewAnswerSchema },
} as const;
