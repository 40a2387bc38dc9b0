import { create } from "zustand";
import { LOCAL_BUCKET_NAME } from "../../../shared/connections";
import type { AppError } from "../../../shared/errors";
import { type BatchDetail, type BatchSummary, laterView } from "../../../shared/uploads/batch";
import type { IntakeFile } from "../../../shared/uploads/intake";
import { defaultUploadOptions, type UploadOptions } from "../../../shared/uploads/options";
import type { PlannedUpload } from "../../../shared/uploads/plan";
import { api, failureOf, wasCancelled } from "../../api";
import type { DroppedFile } from "./dropped-files";

interface UploadState {
  files: IntakeFile[];
  adding: boolean;
  options: UploadOptions;
  plans: PlannedUpload[] | undefined;
  planning: boolean;
  batches: BatchSummary[];
  /** The batch shown in detail, kept current by progress events. */
  detail: BatchDetail | undefined;
  error: AppError | undefined;

  /** The main process's list, which outlives the window (a reload) and takes files opened from outside it. */
  loadFiles(): Promise<void>;
  addFiles(files: DroppedFile[]): Promise<void>;
  removeFiles(ids?: string[]): Promise<void>;
  setOptions(patch: Partial<UploadOptions>): void;
  reviewPlan(): Promise<void>;
  start(): Promise<void>;
  loadBatches(): Promise<void>;
  showBatch(batchId: string): Promise<void>;
  /** Removes a finished batch from the history; shows the newest other one if it was shown. */
  forgetBatch(batchId: string): Promise<void>;
}

export const useUpload = create<UploadState>((set, get) => {
  /** The plan being asked for: a newer request, or any change to the options, cancels it. */
  let planCall: AbortController | undefined;
  const cancelPlan = () => planCall?.abort();

  return {
    files: [],
    adding: false,
    options: defaultUploadOptions(LOCAL_BUCKET_NAME),
    plans: undefined,
    planning: false,
    batches: [],
    detail: undefined,
    error: undefined,

    async loadFiles() {
      try {
        const { files } = await api.call("files.list", {});
        set({ files });
      } catch (error) {
        set({ error: failureOf(error) });
      }
    },

    async addFiles(dropped) {
      if (dropped.length === 0) return;
      set({ adding: true, error: undefined });
      try {
        const { files } = await api.addFiles(dropped);
        set({ files, plans: undefined });
      } catch (error) {
        set({ error: failureOf(error) });
      } finally {
        set({ adding: false });
      }
    },

    async removeFiles(ids) {
      const { files } = await api.call("files.remove", ids ? { ids } : {});
      set({ files, plans: undefined });
    },

    setOptions(patch) {
      // Any change makes a shown plan (or one on its way) stale: it must be reviewed again before running.
      cancelPlan();
      set({ options: { ...get().options, ...patch }, plans: undefined });
    },

    async reviewPlan() {
      cancelPlan();
      const call = new AbortController();
      planCall = call;
      set({ planning: true, error: undefined });
      try {
        const { plans } = await api.call("uploads.plan", { options: get().options }, { signal: call.signal });
        set({ plans });
      } catch (error) {
        if (!wasCancelled(error)) set({ error: failureOf(error) });
      } finally {
        if (planCall === call) {
          planCall = undefined;
          set({ planning: false });
        }
      }
    },

    async start() {
      set({ error: undefined });
      try {
        const summary = await api.call("uploads.start", { options: get().options });
        const { files } = await api.call("files.list", {});
        set({ files, plans: undefined });
        await get().loadBatches();
        await get().showBatch(summary.id);
      } catch (error) {
        set({ error: failureOf(error) });
      }
    },

    async loadBatches() {
      const { batches } = await api.call("batches.list", {});
      const known = new Map(get().batches.map((batch) => [batch.id, batch]));
      set({ batches: batches.map((batch) => laterView(known.get(batch.id), batch)) });
    },

    async showBatch(batchId) {
      const detail = await api.call("batches.detail", { batchId });
      const shown = get().detail;
      if (shown?.id !== batchId || laterView(shown, detail) === detail) set({ detail });
    },

    async forgetBatch(batchId) {
      try {
        const { batches } = await api.call("batches.forget", { batchId });
        set({ batches, error: undefined });
        if (get().detail?.id === batchId) {
          set({ detail: undefined });
          const latest = batches[0];
          if (latest) await get().showBatch(latest.id);
        }
      } catch (error) {
        set({ error: failureOf(error) });
      }
    },
  };
});

api.on("batches.progress", ({ batch, items }) => {
  const state = useUpload.getState();
  const batches = state.batches.some((b) => b.id === batch.id)
    ? state.batches.map((b) => (b.id === batch.id ? laterView(b, batch) : b))
    : [batch, ...state.batches];
  let detail = state.detail;
  if (detail?.id === batch.id && batch.revision >= detail.revision) {
    const changed = new Map(items.map((item) => [item.id, item]));
    detail = { ...detail, ...batch, items: detail.items.map((item) => changed.get(item.id) ?? item) };
  }
  useUpload.setState({ batches, detail });
});

// Files opened with Picops from outside the window (Open with…, the command line).
api.on("files.opened", ({ files }) => useUpload.setState({ files, plans: undefined }));
