import { createStore, type StoreApi } from "zustand/vanilla";
import type { AppError } from "../../../shared/errors";
import type { ChannelOutput } from "../../../shared/ipc/contract";
import { type BatchDetail, type BatchSummary, laterView } from "../../../shared/uploads/batch";
import { type ApiClient, failureOf } from "../../api";

export type BatchControl = "pause" | "resume" | "cancel" | "retry";
export type ExportedResults = ChannelOutput<"batches.export">;

export interface BatchesState {
  batches: BatchSummary[];
  /** The batch shown in detail, kept current by progress events. */
  detail: BatchDetail | undefined;
  /** The last call about batches that failed (a control, an export, removing one). */
  error: AppError | undefined;

  /** The main process's list; shows the newest batch when none is shown yet. */
  load(): Promise<void>;
  show(batchId: string): Promise<void>;
  /** A batch was just started (an upload, processing in the bucket): list it and show it. */
  started(batchId: string): Promise<void>;
  /** Pauses, resumes, cancels or retries a batch, or some of its files. */
  control(action: BatchControl, batchId: string, itemIds?: string[]): Promise<void>;
  /** The batch's results as a file, or nothing when the export failed (the error says why). */
  exportResults(batchId: string, format: "csv" | "json"): Promise<ExportedResults | undefined>;
  /** Removes a finished batch from the history; shows the newest other one if it was shown. */
  forget(batchId: string): Promise<void>;
}

export type BatchesStore = StoreApi<BatchesState>;

/**
 * Batches of uploads and of processing in the bucket: one queue and one view for both. The
 * store owns every call about them and keeps the list and the shown batch current from the
 * main process's progress events.
 */
export function createBatchesStore(api: ApiClient): BatchesStore {
  const store = createStore<BatchesState>()((set, get) => {
    const attempt = async <T>(call: () => Promise<T>): Promise<T | undefined> => {
      set({ error: undefined });
      try {
        return await call();
      } catch (error) {
        set({ error: failureOf(error) });
        return undefined;
      }
    };
    const list = async () => {
      const { batches } = await api.call("batches.list", {});
      const known = new Map(get().batches.map((batch) => [batch.id, batch]));
      set({ batches: batches.map((batch) => laterView(known.get(batch.id), batch)) });
    };
    const fetchDetail = async (batchId: string): Promise<void> => {
      const detail = await api.call("batches.detail", { batchId });
      const shown = get().detail;
      if (shown?.id !== batchId || laterView(shown, detail) === detail) set({ detail });
      // Progress events that came while the detail was on its way found another batch shown
      // and reached only the list; their items are in a newer detail, so ask again.
      const listed = get().batches.find((batch) => batch.id === batchId);
      if (get().detail?.id === batchId && listed && listed.revision > (get().detail?.revision ?? 0)) {
        await fetchDetail(batchId);
      }
    };

    return {
      batches: [],
      detail: undefined,
      error: undefined,

      load: () =>
        attempt(async () => {
          await list();
          const latest = get().batches[0];
          if (latest && !get().detail) await fetchDetail(latest.id);
        }),
      show: (batchId) => attempt(() => fetchDetail(batchId)),
      started: (batchId) =>
        attempt(async () => {
          await list();
          await fetchDetail(batchId);
        }),
      control: (action, batchId, itemIds) =>
        attempt(async () => {
          const input = itemIds ? { batchId, itemIds } : { batchId };
          if (action === "pause") await api.call("batches.pause", { batchId });
          else if (action === "resume") await api.call("batches.resume", { batchId });
          else if (action === "cancel") await api.call("batches.cancel", input);
          else await api.call("batches.retry", input);
        }),
      exportResults: (batchId, format) => attempt(() => api.call("batches.export", { batchId, format })),
      forget: (batchId) =>
        attempt(async () => {
          const { batches } = await api.call("batches.forget", { batchId });
          set({ batches });
          if (get().detail?.id === batchId) {
            set({ detail: undefined });
            const latest = batches[0];
            if (latest) await fetchDetail(latest.id);
          }
        }),
    };
  });

  api.on("batches.progress", ({ batch, items }) => {
    const state = store.getState();
    const batches = state.batches.some((b) => b.id === batch.id)
      ? state.batches.map((b) => (b.id === batch.id ? laterView(b, batch) : b))
      : [batch, ...state.batches];
    let detail = state.detail;
    if (detail?.id === batch.id && batch.revision >= detail.revision) {
      const changed = new Map(items.map((item) => [item.id, item]));
      detail = { ...detail, ...batch, items: detail.items.map((item) => changed.get(item.id) ?? item) };
    }
    store.setState({ batches, detail });
    // A batch the window did not start (an editor's upload through the PicGo endpoint) is
    // shown when no other is.
    if (!detail && !state.batches.some((b) => b.id === batch.id)) void state.show(batch.id);
  });
  return store;
}
