import { describe, expect, it } from "vitest";
import { type BatchSummary, laterView } from "../../../shared/uploads/batch";

const view = (revision: number, state: BatchSummary["state"]): BatchSummary => ({
  id: "b1",
  kind: "upload",
  connectionId: "local",
  createdAt: "2026-11-25T00:00:00.000Z",
  state,
  revision,
  concurrency: 3,
  totals: { files: 1, done: 0, failed: 0, cancelled: 0, bytesTotal: 10, bytesDone: 0 },
});

describe("laterView", () => {
  it("keeps what the window holds when an older answer arrives after a newer event", () => {
    const finished = view(5, "finished");
    expect(laterView(finished, view(4, "running"))).toBe(finished);
  });

  it("takes what arrives when it is as new or newer, or when nothing is held", () => {
    const arrived = view(5, "finished");
    expect(laterView(view(4, "running"), arrived)).toBe(arrived);
    expect(laterView(view(5, "running"), arrived)).toBe(arrived);
    expect(laterView(undefined, arrived)).toBe(arrived);
  });
});
