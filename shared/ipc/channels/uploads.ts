import { z } from "zod";
import {
  BatchDetailSchema,
  BatchIdSchema,
  BatchProgressSchema,
  BatchSummarySchema,
} from "../../uploads/batch";
import { IntakeFileSchema } from "../../uploads/intake";
import { ProcessOptionsSchema, UploadOptionsSchema } from "../../uploads/options";
import { PlannedUploadSchema } from "../../uploads/plan";
import { Empty } from "./common";
import { MediaUrlSchema } from "./media";

const BatchRef = z.object({ batchId: BatchIdSchema }).strict();
const ItemsRef = z
  .object({
    batchId: BatchIdSchema,
    itemIds: z.array(z.string().max(64)).max(100_000).optional(),
  })
  .strict();
const FileList = z.object({ files: z.array(IntakeFileSchema) });
const WithOptions = z.object({ options: UploadOptionsSchema }).strict();

/** A file or folder to add: a path on this machine (Electron) or a staged upload (web host). */
export const FileSourceSchema = z
  .object({ path: z.string().min(1).max(4096), relativePath: z.string().max(1024).optional() })
  .strict();

/** Objects in the bucket to process: some keys, or all images under a prefix. */
export const ObjectSelectionSchema = z
  .object({
    bucket: z.string().min(1).max(60),
    keys: z.array(z.string().min(1).max(1024)).max(100_000).optional(),
    prefix: z.string().max(1024).optional(),
  })
  .strict()
  .refine(
    (selection) => selection.keys !== undefined || selection.prefix !== undefined,
    "Select objects or a prefix",
  );
export type ObjectSelection = z.infer<typeof ObjectSelectionSchema>;
const WithSelection = z.object({ selection: ObjectSelectionSchema, options: ProcessOptionsSchema }).strict();

export const uploadChannels = {
  "files.add": {
    input: z.object({ sources: z.array(FileSourceSchema).min(1).max(100_000) }).strict(),
    output: FileList,
  },
  "files.list": { input: Empty, output: FileList },
  /** A small picture of an added file for the upload list, made from the file on this machine. */
  "files.thumbnail": {
    input: z.object({ fileId: z.string().min(1).max(64), size: z.number().int().min(16).max(512) }).strict(),
    output: z.object({ url: MediaUrlSchema }),
  },
  "files.remove": {
    input: z.object({ ids: z.array(z.string().max(64)).optional() }).strict(),
    output: FileList,
  },
  "uploads.plan": { input: WithOptions, output: z.object({ plans: z.array(PlannedUploadSchema) }) },
  "uploads.start": { input: WithOptions, output: BatchSummarySchema },
  /**
   * Quick upload: these files (given, as for `files.add`) are named and processed by the
   * active connection's default for `prefix` (the longest matching prefix wins) and start at
   * once as their own batch, leaving the upload list alone.
   */
  "uploads.quick": {
    input: z
      .object({ sources: z.array(FileSourceSchema).min(1).max(1000), prefix: z.string().max(400) })
      .strict(),
    output: BatchSummarySchema,
  },
  "processing.plan": {
    input: WithSelection,
    output: z.object({ plans: z.array(PlannedUploadSchema), skipped: z.array(z.string()) }),
  },
  "processing.start": { input: WithSelection, output: BatchSummarySchema },
  "batches.list": { input: Empty, output: z.object({ batches: z.array(BatchSummarySchema) }) },
  "batches.detail": { input: BatchRef, output: BatchDetailSchema },
  "batches.pause": { input: BatchRef, output: BatchSummarySchema },
  "batches.resume": { input: BatchRef, output: BatchSummarySchema },
  "batches.cancel": { input: ItemsRef, output: BatchSummarySchema },
  "batches.retry": { input: ItemsRef, output: BatchSummarySchema },
  /** Removes a finished batch from the history (its journal too); the remaining batches, newest first. */
  "batches.forget": { input: BatchRef, output: z.object({ batches: z.array(BatchSummarySchema) }) },
  "batches.export": {
    input: z.object({ batchId: BatchIdSchema, format: z.enum(["csv", "json"]) }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
  },
} as const;

export const uploadEvents = {
  "batches.progress": BatchProgressSchema,
  /** Files the operating system handed to Picops (Open with…, the command line): the list after adding them. */
  "files.opened": FileList,
} as const;
