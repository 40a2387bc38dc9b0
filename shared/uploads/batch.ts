import { z } from "zod";
import { UploadResultSchema } from "../cos/image-info";
import { AppErrorSchema } from "../errors";

/**
 * A batch's id, as Picops makes them (`2026-05-02T10-11-12-345Z-1a2b3c4d`): letters, digits,
 * `-` and `_`. A journal naming anything else (`../victim`) is not a batch of Picops's.
 */
export const BatchIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "A batch id holds only letters, digits, - and _");

export const UploadItemStateSchema = z.enum(["queued", "uploading", "done", "failed", "cancelled"]);
export type UploadItemState = z.infer<typeof UploadItemStateSchema>;

/** One file of a batch, as the queue sees it. */
export const UploadItemSchema = z.object({
  id: z.string(),
  /** Path relative to what was dropped, for showing. */
  name: z.string(),
  bucket: z.string(),
  originalKey: z.string(),
  /** Keys the rules write, in rule order. */
  resultKeys: z.array(z.object({ bucket: z.string(), key: z.string() })),
  size: z.number().int().nonnegative(),
  state: UploadItemStateSchema,
  /** Bytes sent so far in the current attempt. */
  loaded: z.number().int().nonnegative(),
  error: AppErrorSchema.optional(),
  /** What COS answered: OriginalInfo and ProcessResults. */
  result: UploadResultSchema.optional(),
  etag: z.string().optional(),
  /** Found complete in the bucket after a restart, so not sent again. */
  recovered: z.boolean().optional(),
});
export type UploadItem = z.infer<typeof UploadItemSchema>;

export const BatchStateSchema = z.enum(["running", "paused", "finished", "interrupted"]);
export type BatchState = z.infer<typeof BatchStateSchema>;

export const BatchTotalsSchema = z.object({
  files: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  bytesTotal: z.number().int(),
  bytesDone: z.number().int(),
});
export type BatchTotals = z.infer<typeof BatchTotalsSchema>;

export const BatchSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(["upload", "process"]),
  connectionId: z.string(),
  createdAt: z.string(),
  state: BatchStateSchema,
  /**
   * Counts the progress events sent so far. Answers and events can reach the window out of
   * order (an HTTP answer and a WebSocket frame, or an IPC reply and a send), so of two views
   * of one batch the window keeps the one with the higher revision.
   */
  revision: z.number().int().nonnegative(),
  concurrency: z.number().int(),
  totals: BatchTotalsSchema,
  /** Seconds left at the recent rate; absent until there is a rate to go by. */
  etaSeconds: z.number().optional(),
});
export type BatchSummary = z.infer<typeof BatchSummarySchema>;

/** Of a view the window holds and one that just arrived, the later (same revision: the arrival). */
export function laterView<T extends BatchSummary>(held: T | undefined, arrived: T): T {
  return held && held.revision > arrived.revision ? held : arrived;
}

export const BatchDetailSchema = BatchSummarySchema.extend({ items: z.array(UploadItemSchema) });
export type BatchDetail = z.infer<typeof BatchDetailSchema>;

/** Sent while a batch runs: its summary and the items that changed since the last event. */
export const BatchProgressSchema = z.object({ batch: BatchSummarySchema, items: z.array(UploadItemSchema) });
export type BatchProgress = z.infer<typeof BatchProgressSchema>;
