import { describe, expect, it } from "vitest";
import { createHistoryStore } from "../../renderer/features/history";
import { createLinksStore } from "../../renderer/features/links";
import { createQuickStore } from "../../renderer/features/quick";
import type { HistoryEntryView } from "../../shared/history/history";
import type { BatchDetail } from "../../shared/uploads/batch";
import { fakeApi } from "./fake-api";

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => values.set(key, value),
  };
}

describe("the links store", () => {
  it("asks for presigned links when an expiry is chosen and puts their text on the clipboard", async () => {
    const { client, calls } = fakeApi({
      "links.make": () => ({
        links: ["https://a?sig", "https://b?sig"],
        text: "https://a?sig\nhttps://b?sig",
      }),
    });
    const copied: string[] = [];
    const store = createLinksStore(client, {
      writeText: async (text) => void copied.push(text),
      openUrl: () => {},
    });
    store.getState().setExpiry(3600);
    await store.getState().copy("menu", { kind: "objects", bucket: "b-1", keys: ["a", "b"] });
    expect(calls[0]?.input).toMatchObject({ format: "url", presigned: { expiresInSeconds: 3600 } });
    expect(copied).toEqual(["https://a?sig\nhttps://b?sig"]);
    expect(store.getState().outcomes.menu).toEqual({ kind: "copied", count: 2 });
  });

  it("opens an object through a presigned link even when plain links are chosen, so a private bucket's opens", async () => {
    const { client, calls } = fakeApi({
      "links.make": () => ({ links: ["https://a?sig"], text: "https://a?sig" }),
    });
    const opened: string[] = [];
    const store = createLinksStore(client, {
      writeText: async () => {},
      openUrl: (url) => void opened.push(url),
    });
    await store.getState().open("menu", { kind: "objects", bucket: "b-1", keys: ["a"] });
    expect(calls[0]?.input).toMatchObject({ format: "url", presigned: { expiresInSeconds: 900 } });
    expect(opened).toEqual(["https://a?sig"]);
  });

  it("leaves the clipboard alone when there is nothing to link to", async () => {
    const { client } = fakeApi({ "links.make": () => ({ links: [], text: "" }) });
    const copied: string[] = [];
    const store = createLinksStore(client, {
      writeText: async (text) => void copied.push(text),
      openUrl: () => {},
    });
    await store.getState().copy("menu", { kind: "batch", batchId: "batch-1", which: "outputs" });
    expect(copied).toEqual([]);
    expect(store.getState().outcomes.menu).toEqual({ kind: "copied", count: 0 });
  });
});

const entry = (id: string): HistoryEntryView => ({
  id,
  batchId: "batch-1",
  connectionId: "local",
  kind: "upload",
  at: "2026-12-03T01:00:00.000Z",
  name: `${id}.jpg`,
  original: { bucket: "b-1", key: `${id}.jpg` },
  outputs: [],
});

describe("the history store", () => {
  it("removes with objects only after the list it showed is confirmed, sending that very list", async () => {
    const objects = [{ connectionId: "local", bucket: "b-1", key: "a.jpg" }];
    let entries = [entry("a"), entry("b")];
    const { client, calls } = fakeApi({
      "history.search": () => ({ entries }),
      "history.objectsToDelete": () => ({ objects }),
      "history.remove": ({ entryIds }) => {
        entries = entries.filter((candidate) => !entryIds.includes(candidate.id));
        return { removed: entryIds, outcome: { deleted: ["a.jpg"], failed: [] } };
      },
    });
    const store = createHistoryStore(client);
    await store.getState().search();
    store.getState().setSelected(["a"]);
    await store.getState().remove(true);
    expect(store.getState().confirming).toEqual({ entryIds: ["a"], objects });
    expect(calls.some((call) => call.channel === "history.remove")).toBe(false);

    await store.getState().confirmRemoval();
    expect(calls.find((call) => call.channel === "history.remove")?.input).toEqual({
      entryIds: ["a"],
      deleteObjects: objects,
    });
    expect(store.getState().entries.map((shown) => shown.id)).toEqual(["b"]);
    expect(store.getState().lastRemoval).toEqual({ removed: 1, failed: 0 });
  });
});

describe("Quick upload", () => {
  it("starts the files with the prefix, waits for the batch to finish, then copies its outputs' links", async () => {
    const finished: BatchDetail = {
      id: "batch-q",
      kind: "upload",
      connectionId: "local",
      createdAt: "2026-12-03T01:00:00.000Z",
      state: "finished",
      revision: 4,
      concurrency: 3,
      totals: { files: 1, done: 1, failed: 0, cancelled: 0, bytesTotal: 10, bytesDone: 10 },
      items: [
        {
          id: "i",
          name: "cover.png",
          bucket: "b-1",
          originalKey: "blog/cover.png",
          resultKeys: [{ bucket: "b-1", key: "blog/cover_160.webp" }],
          size: 10,
          state: "done",
          loaded: 10,
        },
      ],
    };
    let state: BatchDetail = { ...finished, state: "running" };
    const api = fakeApi({
      "uploads.quick": () => state,
      "batches.detail": () => state,
      "links.make": () => ({ links: ["![cover_160](u)"], text: "![cover_160](u)" }),
    });
    const copied: string[] = [];
    const store = createQuickStore(api.client, memoryStorage(), {
      writeText: async (text) => void copied.push(text),
    });
    store.getState().setLinkFormat("markdown");
    const file = new File([new Uint8Array([1])], "cover.png", { type: "image/png" });
    const uploading = store.getState().quickUpload([{ file, relativePath: "cover.png" }], "blog/");
    await expect.poll(() => api.calls.filter((call) => call.channel === "batches.detail").length).toBe(1);
    expect(copied).toEqual([]);

    state = finished;
    api.emit("batches.progress", { batch: finished, items: finished.items });
    await uploading;
    expect(api.calls[0]).toEqual({
      channel: "uploads.quick",
      input: { sources: [{ path: "/staged/cover.png", relativePath: "cover.png" }], prefix: "blog/" },
    });
    expect(api.calls.find((call) => call.channel === "links.make")?.input).toEqual({
      source: { kind: "batch", batchId: "batch-q", which: "outputs" },
      format: "markdown",
    });
    expect(copied).toEqual(["![cover_160](u)"]);
    expect(store.getState().outcome).toEqual({ kind: "done", done: 1, failed: 0 });
  });
});
