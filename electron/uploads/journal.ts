import { appendFile, mkdir, readdir, readFile, unlink } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { UploadResultSchema } from "../../shared/cos/image-info";
import { PutObjectOptionsSchema } from "../../shared/cos/put-object-options";
import { AppErrorSchema } from "../../shared/errors";
import { PicOperationsSchema } from "../../shared/rules";
import { BatchIdSchema } from "../../shared/uploads/batch";

/**
 * A batch's journal: one JSON line per event, appended as the queue works, so that a
 * batch interrupted by a crash can be resumed with nothing lost and nothing sent twice.
 * The first line defines the batch; the rest record what happened to its items.
 */

export const JournalItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The file to send, for uploads; absent when the object is already in the bucket. */
  path: z.string().optional(),
  size: z.number().int().nonnegative(),
  bucket: z.string(),
  originalKey: z.string(),
  picOperations: PicOperationsSchema.optional(),
  resultKeys: z.array(z.object({ bucket: z.string(), key: z.string() })),
  /** When a rule writes over the original, the original's ETag is the result's. */
  overwritesOriginal: z.boolean(),
});
export type JournalItem = z.infer<typeof JournalItemSchema>;

export const BatchRecordSchema = z.object({
  id: BatchIdSchema,
  /** upload: PUT files with Pic-Operations; process: POST ?image_process on objects in the bucket. */
  kind: z.enum(["upload", "process"]),
  connectionId: z.string(),
  createdAt: z.string(),
  concurrency: z.number().int().min(1),
  put: PutObjectOptionsSchema,
  items: z.array(JournalItemSchema),
});
export type BatchRecord = z.infer<typeof BatchRecordSchema>;

const EventSchema = z.discriminatedUnion("t", [
  z.object({ t: z.literal("batch"), batch: BatchRecordSchema }),
  z.object({ t: z.literal("start"), id: z.string() }),
  z.object({
    t: z.literal("done"),
    id: z.string(),
    etag: z.string().optional(),
    result: UploadResultSchema.optional(),
    recovered: z.boolean().optional(),
  }),
  z.object({ t: z.literal("fail"), id: z.string(), error: AppErrorSchema }),
  z.object({ t: z.literal("cancel"), id: z.string() }),
  z.object({ t: z.literal("retry"), id: z.string() }),
  z.object({ t: z.literal("finish") }),
  /** Stopped sending (by the designer, refused keys, or quitting); a restart keeps it paused. */
  z.object({ t: z.literal("pause") }),
  z.object({ t: z.literal("resume") }),
]);
export type JournalEvent = z.infer<typeof EventSchema>;

export interface ItemOutcome {
  state: "done" | "failed" | "cancelled" | "started";
  etag?: string;
  result?: z.infer<typeof UploadResultSchema>;
  error?: z.infer<typeof AppErrorSchema>;
  recovered?: boolean;
}

export interface ReplayedBatch {
  record: BatchRecord;
  outcomes: Map<string, ItemOutcome>;
  finished: boolean;
  /** Paused when the app last stopped, rather than cut off mid-run (a crash: interrupted). */
  paused: boolean;
}

/** A batch read back from its journal file, which goes on being written (and removed) as it is. */
export interface StoredBatch extends ReplayedBatch {
  journal: BatchJournal;
}

export class BatchJournal {
  private constructor(readonly file: string) {}

  static async create(folder: string, record: BatchRecord): Promise<BatchJournal> {
    await mkdir(folder, { recursive: true });
    const journal = new BatchJournal(path.join(folder, `${record.id}.jsonl`));
    await appendFile(journal.file, `${JSON.stringify({ t: "batch", batch: record })}\n`, { flag: "wx" });
    return journal;
  }

  /** Appends are serialised so lines never interleave. */
  #tail: Promise<void> = Promise.resolve();
  append(event: JournalEvent): Promise<void> {
    const line = `${JSON.stringify(event)}\n`;
    this.#tail = this.#tail.then(() => appendFile(this.file, line));
    return this.#tail;
  }

  /** Resolves once every line appended so far is written (or failed to be). */
  written(): Promise<void> {
    return this.#tail.catch(() => undefined);
  }

  /** Deletes the journal: the batch is gone from the history, at the next start too. */
  async remove(): Promise<void> {
    await this.#tail;
    await unlink(this.file);
  }

  /**
   * Every batch in `folder`; a line cut short by a crash is ignored. Each journal stays the
   * file it was listed as: the id written inside is data, never a path (and must be one
   * Picops makes, named by its file, or the journal is not a batch of Picops's).
   */
  static async readAll(folder: string): Promise<StoredBatch[]> {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    const batches: StoredBatch[] = [];
    const names = entries.filter((entry) => entry.isFile() && entry.name.endsWith(".jsonl"));
    for (const name of names.map((entry) => entry.name).sort()) {
      const file = path.join(folder, name);
      const replayed = replay(await readFile(file, "utf8"));
      if (replayed && `${replayed.record.id}.jsonl` === name) {
        batches.push({ ...replayed, journal: new BatchJournal(file) });
      }
    }
    return batches;
  }
}

export function replay(text: string): ReplayedBatch | undefined {
  let replayed: ReplayedBatch | undefined;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let parsed: ReturnType<typeof EventSchema.safeParse>;
    try {
      parsed = EventSchema.safeParse(JSON.parse(line));
    } catch {
      continue;
    }
    if (!parsed.success) continue;
    const event = parsed.data;
    if (event.t === "batch") {
      replayed = { record: event.batch, outcomes: new Map(), finished: false, paused: false };
      continue;
    }
    if (!replayed) return undefined;
    const outcomes = replayed.outcomes;
    switch (event.t) {
      case "start":
        outcomes.set(event.id, { state: "started" });
        break;
      case "done": {
        const outcome: ItemOutcome = { state: "done" };
        if (event.etag) outcome.etag = event.etag;
        if (event.result) outcome.result = event.result;
        if (event.recovered) outcome.recovered = true;
        outcomes.set(event.id, outcome);
        break;
      }
      case "fail":
        outcomes.set(event.id, { state: "failed", error: event.error });
        break;
      case "cancel":
        outcomes.set(event.id, { state: "cancelled" });
        break;
      case "retry":
        outcomes.delete(event.id);
        break;
      case "finish":
        replayed.finished = true;
        break;
      case "pause":
        replayed.paused = true;
        break;
      case "resume":
        replayed.paused = false;
        break;
    }
  }
  return replayed;
}
