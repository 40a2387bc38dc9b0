import { act, cleanup, screen } from "@testing-library/react";
import { Profiler, type ProfilerOnRenderCallback } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { BatchView } from "../../renderer/features/batches";
import { ConnectionsPanel } from "../../renderer/features/connections";
import { EditorUploads } from "../../renderer/features/picgo";
import { RulesWorkspace } from "../../renderer/features/rules";
import { TourButton } from "../../renderer/features/tour";
import { DEFAULT_PICGO_SETTINGS } from "../../shared/picgo/endpoint";
import type { BatchDetail, UploadItem } from "../../shared/uploads/batch";
import { renderWithStores } from "./with-stores";

afterEach(cleanup);

function item(id: string, loaded: number): UploadItem {
  return {
    id,
    name: `${id}.jpg`,
    bucket: "photos-1250000000",
    originalKey: `shoots/${id}.jpg`,
    resultKeys: [],
    size: 1000,
    state: "uploading",
    loaded,
  };
}

const running: BatchDetail = {
  id: "batch-1",
  kind: "upload",
  connectionId: "local",
  createdAt: "2026-12-02T10:00:00.000Z",
  state: "running",
  revision: 1,
  concurrency: 2,
  totals: { files: 2, done: 0, failed: 0, cancelled: 0, bytesTotal: 2000, bytesDone: 200 },
  items: [item("a", 100), item("b", 100)],
};

describe("a batch's progress", () => {
  it("re-renders only the components that show progress", async () => {
    const { items: _items, ...summary } = running;
    const { api } = renderWithStores(<Window />, {
      "batches.list": () => ({ batches: [summary] }),
      "batches.detail": () => running,
      "connections.list": () => ({
        connections: [{ id: "local", kind: "local", label: "Local bucket", region: "local" }],
        activeId: "local",
      }),
      "presets.list": () => ({ presets: [] }),
      "picgo.state": () => ({ settings: DEFAULT_PICGO_SETTINGS, status: { state: "off" } }),
      "destinations.defaults": () => ({ defaults: {} }),
    });
    await screen.findByTestId("batch-totals");
    await act(() => api.settled());
    renders.clear();

    act(() =>
      api.emit("batches.progress", {
        batch: { ...summary, revision: 2, totals: { ...running.totals, bytesDone: 700 } },
        items: [item("a", 600)],
      }),
    );

    expect(screen.getByTestId("batch-totals").textContent).toContain("700 B");
    expect(Object.fromEntries(renders)).toEqual({ batch: 1 });
  });
});

/** How many times each part of the window rendered (a Profiler's commit), by the part's name. */
const renders = new Map<string, number>();
const count: ProfilerOnRenderCallback = (id) => renders.set(id, (renders.get(id) ?? 0) + 1);

/** The parts of the window that live beside a batch: only the batch itself shows its progress. */
function Window() {
  return (
    <>
      <Profiler id="connections" onRender={count}>
        <ConnectionsPanel />
      </Profiler>
      <Profiler id="editor-uploads" onRender={count}>
        <EditorUploads connection={undefined} />
      </Profiler>
      <Profiler id="tour-button" onRender={count}>
        <TourButton />
      </Profiler>
      <Profiler id="rules" onRender={count}>
        <RulesWorkspace />
      </Profiler>
      <Profiler id="batch" onRender={count}>
        <BatchView />
      </Profiler>
    </>
  );
}
