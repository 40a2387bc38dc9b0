import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../../renderer/api";
import { BatchesProvider, BatchView, createBatchesStore } from "../../renderer/features/batches";
import { createLinksStore, LinksProvider } from "../../renderer/features/links";
import type { BatchDetail, UploadItem } from "../../shared/uploads/batch";
import { fakeApi } from "./fake-api";

afterEach(cleanup);

function item(id: string, patch: Partial<UploadItem>): UploadItem {
  return {
    id,
    name: `${id}.jpg`,
    bucket: "photos-1250000000",
    originalKey: `shoots/${id}.jpg`,
    resultKeys: [],
    size: 1000,
    state: "queued",
    loaded: 0,
    ...patch,
  };
}

const running: BatchDetail = {
  id: "batch-1",
  kind: "upload",
  connectionId: "local",
  createdAt: "2026-12-02T10:00:00.000Z",
  state: "running",
  revision: 3,
  concurrency: 2,
  totals: { files: 2, done: 0, failed: 1, cancelled: 0, bytesTotal: 2000, bytesDone: 500 },
  items: [
    item("a", { state: "uploading", loaded: 500 }),
    item("b", {
      state: "failed",
      error: { code: "ExpiredToken", message: "The provided token has expired." },
    }),
  ],
};

function renderBatchView(answers: Parameters<typeof fakeApi>[0]) {
  const { items: _items, ...summary } = running;
  const api = fakeApi({
    "batches.list": () => ({ batches: [summary] }),
    "batches.detail": () => running,
    "links.templates": () => ({ templates: [] }),
    ...answers,
  });
  render(
    <BatchesProvider store={createBatchesStore(api.client)}>
      <LinksProvider store={createLinksStore(api.client, { writeText: async () => {}, openUrl: () => {} })}>
        <BatchView />
      </LinksProvider>
    </BatchesProvider>,
  );
  return api;
}

describe("BatchView", () => {
  it("shows the newest batch with its files, and follows its progress events", async () => {
    const api = renderBatchView({});
    const totals = await screen.findByTestId("batch-totals");
    expect(totals.textContent).toContain("500 B");
    expect(screen.getAllByTestId("batch-item").map((row) => row.dataset.state)).toEqual([
      "uploading",
      "failed",
    ]);

    const done = item("a", { state: "done", loaded: 1000 });
    api.emit("batches.progress", {
      batch: { ...running, revision: 4, totals: { ...running.totals, done: 1, bytesDone: 1000 } },
      items: [done],
    });
    expect((await screen.findAllByTestId("batch-item")).map((row) => row.dataset.state)).toEqual([
      "done",
      "failed",
    ]);
    expect(screen.getByTestId("batch-totals").textContent).toContain("1000 B");
  });

  it("says why a pause failed, instead of dropping it", async () => {
    const api = renderBatchView({
      "batches.pause": () => {
        throw new ApiError({
          code: "not-found",
          message: "That batch no longer exists.",
          messageId: "batch-gone",
        });
      },
    });
    await userEvent.click(await screen.findByRole("button", { name: "Pause" }));
    expect((await screen.findByRole("alert")).textContent).toContain("That batch no longer exists.");
    expect(api.calls.at(-1)).toEqual({ channel: "batches.pause", input: { batchId: "batch-1" } });
  });

  it("retries one failed file, and explains why it failed", async () => {
    const api = renderBatchView({ "batches.retry": () => ({}) as never });
    const failed = (await screen.findAllByTestId("batch-item"))[1] as HTMLElement;
    expect(within(failed).getByTestId("item-error").textContent).toContain("ExpiredToken");
    await userEvent.click(within(failed).getByRole("button", { name: "Retry" }));
    expect(api.calls.at(-1)).toEqual({
      channel: "batches.retry",
      input: { batchId: "batch-1", itemIds: ["b"] },
    });
  });
});

describe("the batches store", () => {
  it("shows a just-started batch finished when it finished while its detail was on the way", async () => {
    const earlier: BatchDetail = { ...running, id: "batch-0", state: "finished", revision: 9 };
    const started: BatchDetail = {
      ...running,
      id: "batch-2",
      revision: 1,
      totals: { ...running.totals, files: 1, failed: 0, bytesTotal: 1000, bytesDone: 1000 },
      items: [item("c", { state: "uploading", loaded: 1000 })],
    };
    const finished: BatchDetail = {
      ...started,
      state: "finished",
      revision: 2,
      totals: { ...started.totals, done: 1 },
      items: [item("c", { state: "done", loaded: 1000 })],
    };
    const summary = ({ items: _items, ...rest }: BatchDetail) => rest;
    let served = 0;
    const api = fakeApi({
      "batches.list": () => ({ batches: [summary(earlier)] }),
      "batches.detail": ({ batchId }) => {
        if (batchId === earlier.id) return earlier;
        served += 1;
        if (served > 1) return finished;
        // The last event goes out while this older answer is still on its way.
        api.emit("batches.progress", { batch: summary(finished), items: finished.items });
        return started;
      },
    });
    const store = createBatchesStore(api.client);
    await store.getState().load();
    expect(store.getState().detail?.id).toBe("batch-0");

    await store.getState().started("batch-2");
    expect(store.getState().detail?.state).toBe("finished");
    expect(store.getState().detail?.items.map((entry) => entry.state)).toEqual(["done"]);
  });
});
