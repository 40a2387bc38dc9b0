import type { ConnectionSummary } from "../../shared/connections";
import { PicopsError } from "../../shared/errors";
import {
  type HistoryEntry,
  type HistoryEntryView,
  type HistoryObject,
  type HistoryQuery,
  objectsOf,
  searchHistory,
} from "../../shared/history/history";
import type { DeleteOutcome } from "../../shared/ipc/channels/bucket";
import type { ConnectionList } from "../../shared/ipc/contract";
import type { BatchProgress, UploadItem } from "../../shared/uploads/batch";
import type { CosClient } from "../cos/client";
import type { ObjectUrl } from "../links/service";
import type { HistoryStore } from "./store";

export interface HistoryServiceDeps {
  store: HistoryStore;
  connections(): ConnectionList;
  urlsOf(connection: ConnectionSummary): Promise<ObjectUrl>;
  client(connectionId: string): Promise<Pick<CosClient, "deleteObjects">>;
  now?(): Date;
}

/** COS deletes at most 1000 keys per request. */
const DELETE_CHUNK = 1000;

/**
 * Keeps every file a batch brought to the bucket, searchable by name and date, and removes
 * entries — with their objects only when the designer confirmed the very list shown.
 */
export class HistoryService {
  constructor(private readonly deps: HistoryServiceDeps) {}

  /** Records the files a progress event reports done; called for every `batches.progress`. */
  record(progress: BatchProgress): Promise<void> {
    const at = (this.deps.now?.() ?? new Date()).toISOString();
    const { batch } = progress;
    const entries = progress.items
      .filter((item) => item.state === "done" && !this.deps.store.has(item.id))
      .map((item) => entryOf(item, batch.id, batch.connectionId, batch.kind, at));
    return this.deps.store.add(entries);
  }

  async search(query: HistoryQuery): Promise<HistoryEntryView[]> {
    const found = searchHistory(this.deps.store.entries(), query);
    const { connections } = this.deps.connections();
    const urls = new Map<string, ObjectUrl | undefined>();
    for (const id of new Set(found.map((entry) => entry.connectionId))) {
      const connection = connections.find((candidate) => candidate.id === id);
      urls.set(id, connection ? await this.deps.urlsOf(connection) : undefined);
    }
    return found.map((entry) => {
      const url = urls.get(entry.connectionId);
      if (!url) return entry;
      return {
        ...entry,
        links: {
          original: url(entry.original.bucket, entry.original.key),
          outputs: entry.outputs.map((output) => url(output.bucket, output.key)),
        },
      };
    });
  }

  /** What removing these entries with their objects would delete, for the designer to confirm. */
  objectsToDelete(entryIds: string[]): HistoryObject[] {
    return objectsOf(this.#entries(entryIds));
  }

  /**
   * Removes the entries; with `confirmedObjects`, first deletes exactly those objects, which
   * must be the list `objectsToDelete` gives now (what the designer saw), else nothing happens.
   * Entries whose objects could not all be deleted stay, so nothing is forgotten that remains.
   */
  async remove(
    entryIds: string[],
    confirmedObjects?: HistoryObject[],
  ): Promise<{ removed: string[]; outcome?: DeleteOutcome }> {
    const entries = this.#entries(entryIds);
    if (!confirmedObjects) {
      await this.deps.store.remove(entries.map((entry) => entry.id));
      return { removed: entries.map((entry) => entry.id) };
    }
    const planned = objectsOf(entries);
    if (!sameObjects(planned, confirmedObjects)) {
      throw new PicopsError("invalid-input", "history-delete-changed");
    }
    const outcome = await this.#delete(planned);
    const failed = new Set(outcome.failed.map((failure) => failure.key));
    const removable = entries.filter((entry) =>
      [entry.original, ...entry.outputs].every((object) => !failed.has(object.key)),
    );
    await this.deps.store.remove(removable.map((entry) => entry.id));
    return { removed: removable.map((entry) => entry.id), outcome };
  }

  #entries(ids: string[]): HistoryEntry[] {
    const wanted = new Set(ids);
    return this.deps.store.entries().filter((entry) => wanted.has(entry.id));
  }

  async #delete(objects: HistoryObject[]): Promise<DeleteOutcome> {
    const outcome: DeleteOutcome = { deleted: [], failed: [] };
    const groups = new Map<string, HistoryObject[]>();
    for (const object of objects) {
      const group = `${object.connectionId}\u0000${object.bucket}`;
      groups.set(group, [...(groups.get(group) ?? []), object]);
    }
    for (const group of groups.values()) {
      const [first] = group;
      if (!first) continue;
      const client = await this.deps.client(first.connectionId);
      for (let start = 0; start < group.length; start += DELETE_CHUNK) {
        const keys = group.slice(start, start + DELETE_CHUNK).map((object) => object.key);
        const result = await client.deleteObjects({ bucket: first.bucket, keys });
        outcome.deleted.push(...result.deleted);
        outcome.failed.push(...result.errors);
      }
    }
    return outcome;
  }
}

function entryOf(
  item: UploadItem,
  batchId: string,
  connectionId: string,
  kind: HistoryEntry["kind"],
  at: string,
): HistoryEntry {
  const info = item.result?.originalInfo.imageInfo;
  return {
    id: item.id,
    batchId,
    connectionId,
    kind,
    at,
    name: item.name,
    original: { bucket: item.bucket, key: item.originalKey, width: info?.width, height: info?.height },
    outputs: item.resultKeys.map((target) => {
      const reported = item.result?.processResults.find((result) => result.key === target.key);
      return { ...target, width: reported?.width, height: reported?.height };
    }),
  };
}

function sameObjects(a: HistoryObject[], b: HistoryObject[]): boolean {
  const id = (object: HistoryObject) => `${object.connectionId}\u0000${object.bucket}\u0000${object.key}`;
  const left = new Set(a.map(id));
  return left.size === new Set(b.map(id)).size && b.every((object) => left.has(id(object)));
}
