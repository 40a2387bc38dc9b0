import { createStore, type StoreApi } from "zustand/vanilla";
import type { AppError } from "../../../shared/errors";
import type { ObjectSelection } from "../../../shared/ipc/channels/uploads";
import { ProcessingDraftSchema } from "../../../shared/uploads/drafts";
import { numberedOutputName } from "../../../shared/uploads/fileid-template";
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
  /** Restores what the designer last typed here (kept by the main process), unless they are already typing. */
  loadDraft(): Promise<void>;
  setScope(scope: "selection" | "prefix"): void;
  /** Anything that changes what would be processed makes a shown plan stale. */
  forgetPlan(): void;
  reviewPlan(selection: ObjectSelection): Promise<void>;
  /** Starts processing what the plan showed; the batch's id, for the batches view to show it. */
  start(selection: ObjectSelection): Promise<string | undefined>;
}

export type ProcessStore = StoreApi<ProcessState>;

/** A save waits for a pause in typing, as the upload form's does. */
const DRAFT_SAVE_DELAY_MS = 400;

/** Processing objects already in the bucket: the batch itself is the batches feature's queue. */
export function createProcessStore(api: ApiClient): ProcessStore {
  /** The plan being asked for: a newer request, or a change to the options or scope, cancels it. */
  let planCall: AbortController | undefined;
  const cancelPlan = () => planCall?.abort();
  /** Whether the designer changed the form before the saved draft arrived: theirs wins. */
  let edited = false;
  let pendingSave: ReturnType<typeof setTimeout> | undefined;

  const store = createStore<ProcessState>()((set, get) => ({
    options: {
      isPicInfo: true,
      rules: [{ rule: "", fileid: numberedOutputName(1) }],
      concurrency: DEFAULT_CONCURRENCY,
    },
    scope: "selection",
    plans: undefined,
    skipped: [],
    planning: false,
    error: undefined,

    setOptions(patch) {
      cancelPlan();
      const options = { ...get().options, ...patch };
      set({ options, plans: undefined });
      edited = true;
      saveDraft(options);
    },
    async loadDraft() {
      try {
        const { processing } = await api.call("forms.drafts", {});
        if (processing && !edited) set({ options: processing });
      } catch (error) {
        set({ error: failureOf(error) });
      }
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

  function saveDraft(options: ProcessOptions) {
    clearTimeout(pendingSave);
    pendingSave = setTimeout(() => {
      const draft = ProcessingDraftSchema.safeParse(options);
      if (!draft.success) return;
      api.call("forms.saveDraft", { form: "processing", draft: draft.data }).catch((error) => {
        store.setState({ error: failureOf(error) });
      });
    }, DRAFT_SAVE_DELAY_MS);
  }

  return store;
}
