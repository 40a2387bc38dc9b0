import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HistoryStore } from "../../../electron/history/store";
import { type HistoryEntry, objectsOf, searchHistory } from "../../../shared/history/history";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "picops-history-store-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function entry(index: number, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: `item-${index}`,
    batchId: "b",
    connectionId: "local",
    kind: "upload",
    at: new Date(Date.UTC(2026, 11, index)).toISOString(),
    name: `photo-${index}.jpg`,
    original: { bucket: "p-1250000000", key: `2026/photo-${index}.jpg` },
    outputs: [{ bucket: "p-1250000000", key: `2026/photo-${index}.webp` }],
    ...extra,
  };
}

describe("the history on disk", () => {
  it("keeps the newest entries within its limit, and skips a line a crash cut short", async () => {
    const file = path.join(dir, "history.jsonl");
    const store = await HistoryStore.open(file, 3);
    for (const index of [1, 2, 3, 4, 5]) await store.add([entry(index)]);
    await store.add([entry(5)]);
    expect(store.entries().map((e) => e.id)).toEqual(["item-3", "item-4", "item-5"]);
    await appendFile(file, '{"entry":{"id":"item-6","bat');

    const reopened = await HistoryStore.open(file, 3);
    expect(reopened.entries().map((e) => e.id)).toEqual(["item-3", "item-4", "item-5"]);
    // Reopening rewrote the file compact: one line per entry kept.
    expect((await readFile(file, "utf8")).trim().split("\n")).toHaveLength(3);
  });

  it("searches by name, key and date, newest first", () => {
    const entries = [1, 2, 3].map((index) => entry(index));
    expect(searchHistory(entries, {}).map((e) => e.id)).toEqual(["item-3", "item-2", "item-1"]);
    expect(searchHistory(entries, { text: "PHOTO-2.WEBP" }).map((e) => e.id)).toEqual(["item-2"]);
    expect(
      searchHistory(entries, { from: "2026-12-02T00:00:00Z", to: "2026-12-02T23:59:59Z" }).map((e) => e.id),
    ).toEqual(["item-2"]);
    expect(searchHistory(entries, { limit: 1 }).map((e) => e.id)).toEqual(["item-3"]);
  });

  it("deletes a processed object's outputs, never the original it was made from", () => {
    expect(objectsOf([entry(1, { kind: "process" })]).map((object) => object.key)).toEqual([
      "2026/photo-1.webp",
    ]);
    expect(objectsOf([entry(1), entry(1)]).map((object) => object.key)).toEqual([
      "2026/photo-1.jpg",
      "2026/photo-1.webp",
    ]);
  });
});
