import { z } from "zod";
import { BatchDetailSchema, BatchProgressSchema, BatchSummarySchema } from "../../uploads/batch";
import { IntakeFileSchema } from "../../uploads/intake";
import { UploadOptionsSchema } from "../../uploads/options";
import { PlannedUploadSchema } from "../../uploads/plan";
import { Empty } from "./common";

const BatchRef = z.object({ batchId: z.string().min(1).max(128) }).strict();
const ItemsRef = z
  .object({
    batchId: z.string().min(1).max(128),
    itemIds: z.array(z.string().max(64)).max(100_000).optional(),
  })
  .strict();
const FileList = z.object({ files: z.array(IntakeFileSchema) });
const WithOptions = z.object({ options: UploadOptionsSchema }).strict();

/** A file or folder to add: a path on this machine (Electron) or a staged upload (web host). */
export const FileSourceSchema = z
  .object({ path: z.string().min(1).max(4096), relativePath: z.string().max(1024).optional() })
  .strict();

export const uploadChannels = {
  "files.add": {
    input: z.object({ sources: z.array(FileSourceSchema).min(1).max(100_000) }).strict(),
    output: FileList,
  },
  "files.list": { input: Empty, output: FileList },
  "files.remove": {
    input: z.object({ ids: z.array(z.string().max(64)).optional() }).strict(),
    output: FileList,
  },
  "uploads.plan": { input: WithOptions, output: z.object({ plans: z.array(PlannedUploadSchema) }) },
  "uploads.start": { input: WithOptions, output: BatchSummarySchema },
  "uploads.batches": { input: Empty, output: z.object({ batches: z.array(BatchSummarySchema) }) },
  "uploads.batch": { input: BatchRef, output: BatchDetailSchema },
  "uploads.pause": { input: BatchRef, output: BatchSummarySchema },
  "uploads.resume": { input: BatchRef, output: BatchSummarySchema },
  "uploads.cancel": { input: ItemsRef, output: BatchSummarySchema },
  "uploads.retry": { input: ItemsRef, output: BatchSummarySchema },
  "uploads.export": {
    input: z.object({ batchId: z.string().min(1).max(128), format: z.enum(["csv", "json"]) }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
  },
} as const;

export const uploadEvents = {
  "uploads.progress": BatchProgressSchema,
} as const;
