import type { Handlers } from "../ipc/router";
import type { CloudJobs } from "./service";

type JobChannels = "jobs.start" | "jobs.list" | "jobs.cancel";

export function jobHandlers(jobs: CloudJobs): Pick<Handlers, JobChannels> {
  return {
    "jobs.start": async ({ request }) => jobs.start(request),
    "jobs.list": async ({ query }) => jobs.list(query),
    "jobs.cancel": async ({ jobId }) => {
      await jobs.cancel(jobId);
      return {};
    },
  };
}
