import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { type HistoryEntry, HistoryEntrySchema } from "../../shared/history/history";
import { writeFileAtomic } from "../fs-atomic";

/** Beyond this many entries the oldest go: the history is a record of recent work, not an archive. */
export const HISTORY_LIMIT = 5000;

const LineSchema = z.union([
  z.object({ entry: HistoryEntrySchema }).strict(),
  z.object({ removed: z.array(z.string()) }).strict(),
]);

/**
 * The history on disk: `history.jsonl` in the data folder, one line per entry added or
 * removal, appended so a crash loses at most the line being written. Read whole at start
 * (a damaged line is skipped), rewritten compact when removals or the limit call for it.
 */
export class HistoryStore {
  #entries = new Map<string, HistoryEntry>();
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly limit: number,
  ) {}

  static async open(file: string, limit = HISTORY_LIMIT): Promise<HistoryStore> {
    const store = new HistoryStore(file, limit);
    await mkdir(path.dirname(file), { recursive: true });
    let text = "";
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    let lines = 0;
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      lines += 1;
      const parsed = LineSchema.safeParse(parseJson(line));
      if (!parsed.success) continue;
      if ("entry" in parsed.data) store.#entries.set(parsed.data.entry.id, parsed.data.entry);
      else for (const id of parsed.data.removed) store.#entries.delete(id);
    }
    if (lines > store.#entries.size || store.#entries.size > limit) await store.#compact();
    return store;
  }

  entries(): HistoryEntry[] {
    return [...this.#entries.values()];
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  add(entries: HistoryEntry[]): Promise<void> {
    const fresh = entries.filter((entry) => !this.#entries.has(entry.id));
    if (fresh.length === 0) return this.#queue.then(() => undefined);
    for (const entry of fresh) this.#entries.set(entry.id, entry);
    return this.#write(async () => {
      if (this.#entries.size > this.limit) return this.#compact();
      await appendFile(this.file, fresh.map((entry) => `${JSON.stringify({ entry })}\n`).join(""), {
        mode: 0o600,
      });
    });
  }

  remove(ids: string[]): Promise<void> {
    const present = ids.filter((id) => this.#entries.delete(id));
    if (present.length === 0) return this.#queue.then(() => undefined);
    return this.#write(() =>
      appendFile(this.file, `${JSON.stringify({ removed: present })}\n`, { mode: 0o600 }),
    );
  }

  /** Resolves once every change asked for so far is on disk (or failed). */
  settled(): Promise<void> {
    return this.#queue.then(() => undefined);
  }

  /** Changes are written one at a time, in order; a failed write does not stop the next. */
  #write(change: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(change);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Keeps the newest entries within the limit, one line each. */
  async #compact(): Promise<void> {
    const kept = [...this.#entries.values()]
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
      .slice(0, this.limit);
    this.#entries = new Map(kept.reverse().map((entry) => [entry.id, entry]));
    await writeFileAtomic(
      this.file,
      [...this.#entries.values()].map((entry) => `${JSON.stringify({ entry })}\n`).join(""),
    );
  }
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
