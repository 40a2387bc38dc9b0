import { createStore, type StoreApi } from "zustand/vanilla";
import type { AppError } from "../../../shared/errors";
import type { ObjectSelection } from "../../../shared/ipc/channels/uploads";
import { DEFAULT_CONCURRENCY, type ProcessOptions } from "../../../shared/uploads/options";
import type { PlannedUpload } from "../../../shared/uploads/plan";
import { type ApiClient, failureOf, wasCancelled } from "../../api";

export interface ProcessState {
  options: ProcessOptions;
  /** The selected objects, or everything under the folder being browsed. */
  scope: "selection" | "prefix";
  plans: PlannedUpload[] | undefined;
  skipped: string[];
  planning: boolean;
  error: AppError | undefined;

  setOptions(patch: Partial<ProcessOptions>): void;
  setScope(scope: "selection" | "prefix"): void;
  /** Anything that changes what would be processed makes a shown plan stale. */
  forgetPlan(): void;
  reviewPlan(selection: ObjectSelection): Promise<void>;
  /** Starts processing what the plan showed; the batch's id, for the batches view to show it. */
  start(selection: ObjectSelection): Promise<string | undefined>;
}

export type ProcessStore = StoreApi<ProcessState>;

/** Processing objects already in the bucket: the batch itself is the batches feature's queue. */
export function createProcessStore(api: ApiClient): ProcessStore {
  /** The plan being asked for: a newer request, or a change to the options or scope, cancels it. */
  let planCall: AbortController | undefined;
  const cancelPlan = () => planCall?.abort();

  return createStore<ProcessState>()((set, get) => ({
    options: {
      isPicInfo: true,
      rules: [{ rule: "", fileid: "{name}_1.{format}" }],
      concurrency: DEFAULT_CONCURRENCY,
    },
    scope: "selection",
    plans: undefined,
    skipped: [],
    planning: false,
    error: undefined,

    setOptions(patch) {
      cancelPlan();
      set({ options: { ...get().options, ...patch }, plans: undefined });
    },
    setScope(scope) {
      cancelPlan();
      set({ scope, plans: undefined });
    },
    forgetPlan() {
      if (get().plans) set({ plans: undefined, skipped: [] });
    },
    async reviewPlan(selection) {
      cancelPlan();
      const call = new AbortController();
      planCall = call;
      set({ planning: true, error: undefined });
      try {
        const { plans, skipped } = await api.call(
          "processing.plan",
          { selection, options: get().options },
          { signal: call.signal },
        );
        set({ plans, skipped });
      } catch (error) {
        if (!wasCancelled(error)) set({ error: failureOf(error) });
      } finally {
        if (planCall === call) {
          planCall = undefined;
          set({ planning: false });
        }
      }
    },
    async start(selection) {
      set({ error: undefined });
      try {
        const summary = await api.call("processing.start", { selection, options: get().options });
        set({ plans: undefined, skipped: [] });
        return summary.id;
      } catch (error) {
        set({ error: failureOf(error) });
        return undefined;
      }
    },
  }));
}
