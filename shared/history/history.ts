import { z } from "zod";

/**
 * The history (issue 16, point 7): every file uploaded or processed, with what it became,
 * kept across restarts. One entry per file of a batch that reached the bucket.
 */

const StoredObjectSchema = z.object({
  bucket: z.string(),
  key: z.string(),
  width: z.number().int().nonnegative().optional(),
  height: z.number().int().nonnegative().optional(),
});

export const HistoryEntrySchema = z.object({
  /** The batch item's id. */
  id: z.string().max(64),
  batchId: z.string(),
  connectionId: z.string(),
  kind: z.enum(["upload", "process"]),
  /** When it was done, ISO 8601. */
  at: z.iso.datetime({ offset: true }),
  /** The file's name as it was added (`shoot/cat.jpg`), or the processed object's key. */
  name: z.string(),
  original: StoredObjectSchema,
  outputs: z.array(StoredObjectSchema),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** An entry as the window shows it: its objects' links on the connection's current address. */
export const HistoryEntryViewSchema = HistoryEntrySchema.extend({
  /** Absent when the connection is gone: nothing to link through. */
  links: z.object({ original: z.string(), outputs: z.array(z.string()) }).optional(),
});
export type HistoryEntryView = z.infer<typeof HistoryEntryViewSchema>;

export const HistoryQuerySchema = z
  .object({
    /** Matched, case-insensitively, against the name and every key. */
    text: z.string().max(400).optional(),
    /** Inclusive bounds on when the entry was done, ISO 8601. */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type HistoryQuery = z.infer<typeof HistoryQuerySchema>;

export const HistoryObjectSchema = z.object({
  connectionId: z.string(),
  bucket: z.string(),
  key: z.string(),
});
export type HistoryObject = z.infer<typeof HistoryObjectSchema>;

/** Newest first, those the query matches. Pure, so it is the same wherever it runs. */
export function searchHistory(entries: readonly HistoryEntry[], query: HistoryQuery): HistoryEntry[] {
  const text = query.text?.trim().toLowerCase();
  const from = query.from ? Date.parse(query.from) : -Infinity;
  const to = query.to ? Date.parse(query.to) : Infinity;
  const matches = (entry: HistoryEntry) => {
    const at = Date.parse(entry.at);
    if (at < from || at > to) return false;
    if (!text) return true;
    return [entry.name, entry.original.key, ...entry.outputs.map((output) => output.key)].some((value) =>
      value.toLowerCase().includes(text),
    );
  };
  return entries
    .filter(matches)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, query.limit ?? 200);
}

/** What removing these entries with their objects deletes: each original and output once. */
export function objectsOf(entries: readonly HistoryEntry[]): HistoryObject[] {
  const seen = new Set<string>();
  const objects: HistoryObject[] = [];
  for (const entry of entries) {
    // A processing entry's original was in the bucket before Picops: only its outputs are Picops's.
    const owned = entry.kind === "upload" ? [entry.original, ...entry.outputs] : entry.outputs;
    for (const { bucket, key } of owned) {
      const id = `${entry.connectionId}\u0000${bucket}\u0000${key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      objects.push({ connectionId: entry.connectionId, bucket, key });
    }
  }
  return objects;
}
