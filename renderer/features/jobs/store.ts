import { createStore, type StoreApi } from "zustand/vanilla";
import {
  type CiJobDetail,
  type CloudJobPlan,
  type CloudJobRequest,
  isFinalState,
} from "../../../shared/cos/ci-jobs";
import type { AppError } from "../../../shared/errors";
import { type ApiClient, failureOf, wasCancelled } from "../../api";

export type JobChoice = "cloud-job" | "local-loop";

/** What processing a scope as cloud jobs would do: one job per rule, each with its plan. */
export interface CloudJobsPlan {
  requests: CloudJobRequest[];
  plans: CloudJobPlan[];
}

export interface JobsState {
  /** Recent jobs as COS lists them, newest first, kept current by `jobs.changed`. */
  jobs: CiJobDetail[];
  loading: boolean;
  /** Listing failed (no bucket, keys refused). */
  listError: AppError | undefined;
  /** Jobs whose cancel is under way. */
  cancelling: ReadonlySet<string>;
  /** Why a job's cancel failed, by job id. */
  cancelErrors: ReadonlyMap<string, AppError>;

  plan: CloudJobsPlan | undefined;
  planning: boolean;
  /** Where the designer chose to run the plan; the plan's recommendation until they choose. */
  choice: JobChoice;
  starting: boolean;
  /** Planning or starting failed. */
  planError: AppError | undefined;

  load(): Promise<void>;
  cancel(jobId: string): Promise<void>;
  planJobs(requests: CloudJobRequest[]): Promise<void>;
  choose(choice: JobChoice): void;
  /** What would be processed changed: the plan shown no longer applies. */
  forgetPlan(): void;
  /** Starts the planned jobs; true when all of them started. */
  startJobs(): Promise<boolean>;
}

export type JobsStore = StoreApi<JobsState>;

/** A cloud job for huge folders: recommended when any rule's plan recommends it. */
function recommended(plans: readonly CloudJobPlan[]): JobChoice {
  return plans.some((plan) => plan.recommendation === "cloud-job") ? "cloud-job" : "local-loop";
}

/**
 * The list with `job` in it, newest first when new. An answer can arrive after a later event:
 * a finished job never goes back to running.
 */
function withJob(jobs: readonly CiJobDetail[], job: CiJobDetail): CiJobDetail[] {
  const known = jobs.find((candidate) => candidate.jobId === job.jobId);
  if (!known) return [job, ...jobs];
  if (isFinalState(known.state) && !isFinalState(job.state)) return [...jobs];
  return jobs.map((candidate) => (candidate.jobId === job.jobId ? { ...candidate, ...job } : candidate));
}

/**
 * Cloud Infinite batch jobs: planning and starting them, the recent ones COS lists (so they
 * survive a restart), cancelling one; the main process follows each running job and reports
 * every change.
 */
export function createJobsStore(api: ApiClient): JobsStore {
  let planCall: AbortController | undefined;
  const store = createStore<JobsState>()((set, get) => {
    return {
      jobs: [],
      loading: false,
      listError: undefined,
      cancelling: new Set(),
      cancelErrors: new Map(),
      plan: undefined,
      planning: false,
      choice: "local-loop",
      starting: false,
      planError: undefined,

      async load() {
        set({ loading: true, listError: undefined });
        try {
          const { jobs } = await api.call("jobs.list", { query: { size: 20 } });
          set({ jobs });
        } catch (error) {
          set({ listError: failureOf(error) });
        } finally {
          set({ loading: false });
        }
      },

      async cancel(jobId) {
        const errors = new Map(get().cancelErrors);
        errors.delete(jobId);
        set({ cancelling: new Set([...get().cancelling, jobId]), cancelErrors: errors });
        try {
          await api.call("jobs.cancel", { jobId });
        } catch (error) {
          set({ cancelErrors: new Map([...get().cancelErrors, [jobId, failureOf(error)]]) });
        } finally {
          const cancelling = new Set(get().cancelling);
          cancelling.delete(jobId);
          set({ cancelling });
        }
      },

      async planJobs(requests) {
        planCall?.abort();
        const call = new AbortController();
        planCall = call;
        set({ planning: true, plan: undefined, planError: undefined });
        try {
          const plans = await Promise.all(
            requests.map((request) => api.call("jobs.plan", { request }, { signal: call.signal })),
          );
          set({ plan: { requests, plans }, choice: recommended(plans) });
        } catch (error) {
          if (!wasCancelled(error)) set({ planError: failureOf(error) });
        } finally {
          if (planCall === call) {
            planCall = undefined;
            set({ planning: false });
          }
        }
      },

      choose(choice) {
        set({ choice });
      },

      forgetPlan() {
        planCall?.abort();
        if (get().plan || get().planError) set({ plan: undefined, planError: undefined });
      },

      async startJobs() {
        const plan = get().plan;
        if (!plan) return false;
        set({ starting: true, planError: undefined });
        try {
          for (const request of plan.requests) {
            const job = await api.call("jobs.start", { request });
            set({ jobs: withJob(get().jobs, job) });
          }
          set({ plan: undefined });
          return true;
        } catch (error) {
          set({ planError: failureOf(error) });
          return false;
        } finally {
          set({ starting: false });
        }
      },
    };
  });

  api.on("jobs.changed", (job) => {
    store.setState({ jobs: withJob(store.getState().jobs, job) });
  });
  return store;
}
