import { z } from "zod";
import { HistoryEntryViewSchema, HistoryObjectSchema, HistoryQuerySchema } from "../../history/history";
import { DeleteOutcomeSchema } from "./bucket";

const EntryIds = z.array(z.string().min(1).max(64)).min(1).max(10_000);

export const historyChannels = {
  /** Entries matching the name and dates, newest first, with their links. */
  "history.search": {
    input: z.object({ query: HistoryQuerySchema }).strict(),
    output: z.object({ entries: z.array(HistoryEntryViewSchema) }),
  },
  /** What removing these entries with their objects would delete: shown to the designer first. */
  "history.objectsToDelete": {
    input: z.object({ entryIds: EntryIds }).strict(),
    output: z.object({ objects: z.array(HistoryObjectSchema) }),
  },
  /**
   * Removes entries. With `deleteObjects`, the list the designer confirmed: exactly those
   * objects are deleted from their buckets first, and a list that no longer matches deletes nothing.
   */
  "history.remove": {
    input: z
      .object({ entryIds: EntryIds, deleteObjects: z.array(HistoryObjectSchema).max(100_000).optional() })
      .strict(),
    output: z.object({ removed: z.array(z.string()), outcome: DeleteOutcomeSchema.optional() }),
  },
} as const;
