import { z } from "zod";
import { AppErrorSchema } from "../../errors";
import { MediaUrlSchema } from "./media";

/**
 * The bucket browser (issue 7): folder-by-folder listings streamed as pages, an object's
 * details, delete, download and its URL. Processing reuses `processing.plan`/`processing.start`.
 */

const Bucket = z.string().min(1).max(60);
const Key = z.string().min(1).max(1024);
/** Chosen by the renderer, so pages that arrive before the call returns can be matched. */
const ListingId = z.string().min(1).max(64);
const ObjectRef = z.object({ bucket: Bucket, key: Key }).strict();

/** One object of a folder listing, as GET Bucket reports it. */
export const BucketObjectSchema = z.object({
  key: z.string(),
  size: z.number(),
  /** ISO 8601. */
  lastModified: z.string(),
  /** Quoted, as COS sends it. */
  etag: z.string(),
  storageClass: z.string(),
});
export type BucketObject = z.infer<typeof BucketObjectSchema>;

/**
 * One field of a page's objects, every value checked in one loop. An element schema
 * (`z.array(z.string())`) runs a parse per value, 5,000 per page: in a process where it had
 * not run yet, 18 ms for a 10,000-key folder's pages against about 1 ms for the loop, on the
 * path of a folder's first open (bench/browse, issue 17).
 */
function column<Field extends keyof BucketObject>(
  field: Field,
  // Named from the field's type, so the check cannot drift from BucketObjectSchema.
  type: BucketObject[Field] extends string ? "string" : "number",
) {
  // As z.number(): finite.
  const isValue =
    type === "string"
      ? (value: unknown) => typeof value === "string"
      : (value: unknown) => typeof value === "number" && Number.isFinite(value);
  const isColumn = (values: unknown) => {
    if (!Array.isArray(values)) return false;
    // An index loop, not `every`, which skips an array's holes.
    for (let at = 0; at < values.length; at++) if (!isValue(values[at])) return false;
    return true;
  };
  return z.custom<BucketObject[Field][]>(isColumn, `Every ${field} of the page is a ${type}.`);
}

/**
 * A page's objects as one array per field of BucketObject, each in listing order
 * (shared/bucket/object-columns.ts makes and reads them). A folder's first open validates
 * every page on its way out and parses it in the window: five arrays of a thousand values are
 * checked and parsed much faster than a thousand records (bench/browse, issue 17).
 */
export const ObjectColumnsSchema = z
  .object({
    keys: column("key", "string"),
    sizes: column("size", "number"),
    lastModified: column("lastModified", "string"),
    etags: column("etag", "string"),
    storageClasses: column("storageClass", "string"),
  })
  .refine(
    (columns) =>
      [columns.sizes, columns.lastModified, columns.etags, columns.storageClasses].every(
        (column) => column.length === columns.keys.length,
      ),
    "Every column holds one value per object.",
  );
export type ObjectColumns = z.infer<typeof ObjectColumnsSchema>;

/** Up to 1000 keys of a folder (one GET Bucket page), and its sub-folders on that page. */
export const BucketPageSchema = z.object({
  listingId: z.string(),
  bucket: z.string(),
  prefix: z.string(),
  objects: ObjectColumnsSchema,
  /** Common prefixes ending in `/`. */
  folders: z.array(z.string()),
  /** No page follows: the folder is complete, cancelled, or failed with `error`. */
  done: z.boolean(),
  error: AppErrorSchema.optional(),
});
export type BucketPage = z.infer<typeof BucketPageSchema>;

export const ObjectDetailsSchema = z.object({
  bucket: z.string(),
  key: z.string(),
  size: z.number(),
  contentType: z.string().optional(),
  etag: z.string().optional(),
  storageClass: z.string(),
  lastModified: z.string().optional(),
  /** `x-cos-meta-*` by name, prefix removed. */
  metadata: z.record(z.string(), z.string()),
  /** From `?imageInfo`; absent when COS could not read the object as an image (`imageProblem`). */
  image: z.object({ format: z.string(), width: z.number(), height: z.number() }).optional(),
  imageProblem: AppErrorSchema.optional(),
});
export type ObjectDetails = z.infer<typeof ObjectDetailsSchema>;

/** An image's width and height in pixels. */
export const PixelSizeSchema = z.object({ width: z.number().int(), height: z.number().int() });
export type PixelSize = z.infer<typeof PixelSizeSchema>;

export const DeleteOutcomeSchema = z.object({
  deleted: z.array(z.string()),
  /** COS's per-key answers; the renderer adds a failed call's own error to every key. */
  failed: z.array(
    AppErrorSchema.pick({ code: true, message: true, messageId: true, values: true }).extend({
      key: z.string(),
    }),
  ),
});
export type DeleteOutcome = z.infer<typeof DeleteOutcomeSchema>;

/**
 * Where a download went. Electron asks for a folder and writes there (`saved`); a browser
 * page saves each file itself from a one-off `media/<id>` URL (`browser`).
 */
export const DownloadOutcomeSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("saved"),
    folder: z.string(),
    files: z.array(z.object({ key: z.string(), error: AppErrorSchema.optional() })),
  }),
  z.object({
    kind: z.literal("browser"),
    files: z.array(z.object({ key: z.string(), fileName: z.string(), url: MediaUrlSchema })),
  }),
  z.object({ kind: z.literal("cancelled") }),
]);
export type DownloadOutcome = z.infer<typeof DownloadOutcomeSchema>;

export const bucketChannels = {
  /** Starts listing one folder; pages arrive as `bucket.page` events. Starting another stops this one. */
  "bucket.browse": {
    input: z.object({ listingId: ListingId, bucket: Bucket, prefix: z.string().max(1024) }).strict(),
    output: z.object({}),
  },
  "bucket.stopBrowsing": { input: z.object({ listingId: ListingId }).strict(), output: z.object({}) },
  "bucket.details": { input: ObjectRef, output: ObjectDetailsSchema },
  "bucket.delete": {
    input: z.object({ bucket: Bucket, keys: z.array(Key).min(1).max(10_000) }).strict(),
    output: DeleteOutcomeSchema,
  },
  "bucket.download": {
    input: z
      .object({
        bucket: Bucket,
        keys: z.array(Key).min(1).max(1000),
        /** The folder being browsed: files are named by their key below it. */
        base: z.string().max(1024),
      })
      .strict(),
    output: DownloadOutcomeSchema,
  },
  "bucket.objectUrl": { input: ObjectRef, output: z.object({ url: z.string() }) },
  /**
   * An object's pixels, read from the start of its bytes (a ranged GET), cached by ETag; `pixels`
   * is absent when the object is not an image Picops can read.
   */
  "bucket.pixelSize": {
    input: z.object({ bucket: Bucket, key: Key, etag: z.string().max(200) }).strict(),
    output: z.object({ pixels: PixelSizeSchema.optional() }),
  },
} as const;

export const bucketEvents = {
  "bucket.page": BucketPageSchema,
} as const;
