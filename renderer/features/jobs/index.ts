/** Cloud Infinite batch jobs: planning one over a folder, starting it, and following recent jobs. */
export { CloudJobPlanView } from "./CloudJobPlanView";
export { JobsProvider, useJobs, useJobsStore } from "./context";
export { JobsView } from "./JobsView";
export { type CloudJobScope, cloudJobRequests } from "./job-requests";
export { createJobsStore, type JobsStore } from "./store";
