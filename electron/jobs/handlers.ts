import type { Handlers } from "../ipc/router";
import type { CloudJobs } from "./service";

type JobChannels = "jobs.plan" | "jobs.start" | "jobs.list" | "jobs.cancel";

export function jobHandlers(jobs: CloudJobs): Pick<Handlers, JobChannels> {
  return {
    "jobs.plan": async ({ request }) => jobs.plan(request),
    "jobs.start": async ({ request }) => jobs.start(request),
    "jobs.list": async ({ query }) => jobs.list(query),
    "jobs.cancel": async ({ jobId }) => {
      await jobs.cancel(jobId);
      return {};
    },
  };
}
