import { storeContext } from "../../ui/store-context";
import type { JobsState } from "./store";

const jobsContext = storeContext<JobsState>("JobsStore");

/** Gives the components below one jobs store: the app's, or a test's with a fake client. */
export const JobsProvider = jobsContext.Provider;
export const useJobsStore = jobsContext.useStoreApi;
/** What a component shows of the jobs: it re-renders only when that changes. */
export const useJobs = jobsContext.useSelected;
