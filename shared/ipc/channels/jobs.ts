import { z } from "zod";
import {
  CiJobDetailSchema,
  CiJobListQuerySchema,
  CloudJobPlanSchema,
  CloudJobRequestSchema,
} from "../../cos/ci-jobs";
import { Empty } from "./common";

/** A job of the active connection's default bucket. */
const JobRef = z.object({ jobId: z.string().min(1).max(64) }).strict();

export const jobChannels = {
  /** How many objects a job would read, the outputs it would write, its overwrites, and a recommendation. */
  "jobs.plan": { input: z.object({ request: CloudJobRequestSchema }).strict(), output: CloudJobPlanSchema },
  /** Starts a Cloud Infinite batch job; `jobs.changed` follows it until it ends. */
  "jobs.start": { input: z.object({ request: CloudJobRequestSchema }).strict(), output: CiJobDetailSchema },
  /** Recent jobs as COS lists them (Pulling Jobs), so they survive an app restart. */
  "jobs.list": {
    input: z.object({ query: CiJobListQuerySchema.optional() }).strict(),
    output: z.object({ jobs: z.array(CiJobDetailSchema), nextToken: z.string().optional() }),
  },
  "jobs.cancel": { input: JobRef, output: Empty },
} as const;

export const jobEvents = {
  /** A followed job's state or progress changed. */
  "jobs.changed": CiJobDetailSchema,
} as const;
