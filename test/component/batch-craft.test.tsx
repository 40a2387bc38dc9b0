import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { BatchView } from "../../renderer/features/batches";
import type { BatchDetail } from "../../shared/uploads/batch";
import { renderWithStores } from "./with-stores";

afterEach(cleanup);

/** A processing batch in the bucket that finished its one object: nothing was sent, COS answered. */
const processed: BatchDetail = {
  id: "batch-p",
  kind: "process",
  connectionId: "local",
  createdAt: "2026-12-02T10:00:00.000Z",
  state: "finished",
  revision: 5,
  concurrency: 1,
  etaSeconds: 1,
  totals: { files: 1, done: 1, failed: 0, cancelled: 0, bytesTotal: 0, bytesDone: 0 },
  items: [
    {
      id: "a",
      name: "cat.jpg",
      bucket: "photos-1250000000",
      originalKey: "cat.jpg",
      resultKeys: [{ bucket: "photos-1250000000", key: "cat_w.webp" }],
      size: 0,
      state: "done",
      loaded: 0,
      result: {
        originalInfo: {
          key: "cat.jpg",
          location: "photos-1250000000.cos.ap-guangzhou.myqcloud.com/cat.jpg",
          etag: '"e1"',
          imageInfo: {
            format: "JPEG",
            width: 1200,
            height: 800,
            quality: 85,
            ave: "0x493428",
            orientation: 0,
          },
        },
        processResults: [],
      },
    },
  ],
};

function renderBatch(detail: BatchDetail) {
  const { items: _items, ...summary } = detail;
  renderWithStores(<BatchView />, {
    "batches.list": () => ({ batches: [summary] }),
    "batches.detail": () => detail,
  });
}

describe("a batch in words", () => {
  it("titles processing as Processing, counts in files, and says no time is left once finished", async () => {
    renderBatch(processed);
    const totals = await screen.findByTestId("batch-totals");
    expect(screen.getByRole("heading", { name: "Processing" })).toBeTruthy();
    expect(totals.textContent).toBe("1 of 1 file (1 done, 0 failed)");
  });

  it("explains COS's image info: orientation and average colour in words", async () => {
    renderBatch(processed);
    const info = await screen.findByTestId("image-info");
    expect(info.textContent).toBe(
      "JPEG · 1200×800 · quality 85 · Orientation: normal · Average colour #493428",
    );
  });

  it("counts an upload's files with plurals, and shows the bytes it sends", async () => {
    const upload: BatchDetail = {
      ...processed,
      kind: "upload",
      state: "running",
      etaSeconds: 12,
      totals: { files: 3, done: 1, failed: 0, cancelled: 0, bytesTotal: 3000, bytesDone: 1000 },
    };
    renderBatch(upload);
    const totals = await screen.findByTestId("batch-totals");
    expect(screen.getByRole("heading", { name: "Upload" })).toBeTruthy();
    expect(totals.textContent).toBe("1 of 3 files (1 done, 0 failed) · 1000 B of 2.9 KB · about 12 s left");
  });
});
