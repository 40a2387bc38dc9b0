import { z } from "zod";

/**
 * Cloud Infinite batch jobs over a prefix (`/inventorytriggerjob` on the ci host,
 * docs/ci-batch-jobs.md): what Picops asks for and what CI reports back. The client turns
 * these into XML and back; the Local bucket reads and writes the same XML, so both sides
 * agree through this one definition.
 */

/** CI's job states (Pulling Jobs page, `states`). */
export const CI_JOB_STATES = ["Submitted", "Running", "Success", "Failed", "Pause", "Cancel"] as const;
export const CiJobStateSchema = z.enum(CI_JOB_STATES);
export type CiJobState = z.infer<typeof CiJobStateSchema>;

/** A job stops changing once it reaches one of these. */
export function isFinalState(state: CiJobState): boolean {
  return state === "Success" || state === "Failed" || state === "Cancel";
}

/** Name: at most 128 characters, letters, digits, Chinese, `-` and `_` (Trigger page). */
export const CiJobNameSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\p{L}\p{N}_-]+$/u);

/**
 * Which objects a job reads: every key under a prefix, one object, or the objects a URL list
 * names (`UrlFile`: the address of an object in the bucket holding one object address a line).
 */
export const CiJobInputSchema = z.union([
  z.object({ prefix: z.string() }).strict(),
  z.object({ object: z.string().min(1) }).strict(),
  z.object({ urlFile: z.url({ protocol: /^https?$/ }).max(4096) }).strict(),
]);
export type CiJobInput = z.infer<typeof CiJobInputSchema>;

/** Where outputs go; `object` is a key template (see `jobOutputKey`). */
export const CiJobOutputSchema = z.object({
  region: z.string().min(1),
  bucket: z.string().min(1),
  object: z.string().min(1),
});
export type CiJobOutput = z.infer<typeof CiJobOutputSchema>;

/** `Type` Job, `Tag` PicProcess: one rule run on each input, its output written at `output`. */
export const CiJobRequestSchema = z.object({
  name: CiJobNameSchema,
  input: CiJobInputSchema,
  /** A CI rule as written in Pic-Operations (`imageMogr2/thumbnail/!50p`). */
  processRule: z.string().min(1),
  isPicInfo: z.boolean(),
  output: CiJobOutputSchema,
});
export type CiJobRequest = z.infer<typeof CiJobRequestSchema>;

/** The most objects one selection may send to a cloud job (the Bucket tab lists 10,000 at most). */
export const JOB_SELECTION_LIMIT = 100_000;

/**
 * What the app asks for: CI's inputs, or a selection of keys, which the main process writes
 * into the bucket as a URL list and hands to CI as `UrlFile` (electron/jobs/selection-list.ts).
 */
export const CloudJobRequestSchema = CiJobRequestSchema.extend({
  input: z.union([
    CiJobInputSchema,
    z.object({ keys: z.array(z.string().min(1).max(1024)).min(1).max(JOB_SELECTION_LIMIT) }).strict(),
  ]),
});
export type CloudJobRequest = z.infer<typeof CloudJobRequestSchema>;

/** One `<JobsDetail>`. Times are CI's `%Y-%m-%dT%H:%M:%S%z`, or absent while CI shows `-`. */
export const CiJobDetailSchema = z.object({
  jobId: z.string().min(1),
  name: z.string(),
  state: CiJobStateSchema,
  /** CI's `Progress`, a whole percentage `0`–`100` here (the page shows no format). */
  progress: z.number().int().min(0).max(100).optional(),
  code: z.string(),
  message: z.string(),
  creationTime: z.string().optional(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  /** What the job was asked to do; absent for jobs Picops did not start (a workflow, a transcode). */
  request: CiJobRequestSchema.optional(),
});
export type CiJobDetail = z.infer<typeof CiJobDetailSchema>;

/** Pulling Jobs' filters. `size` 1–100 (CI's default 10). */
export const CiJobListQuerySchema = z.object({
  size: z.number().int().min(1).max(100).optional(),
  states: z.array(CiJobStateSchema).optional(),
  orderByTime: z.enum(["Desc", "Asc"]).optional(),
  nextToken: z.string().optional(),
});
export type CiJobListQuery = z.infer<typeof CiJobListQuerySchema>;

export interface CiJobList {
  jobs: CiJobDetail[];
  /** Present while more jobs remain. */
  nextToken: string | undefined;
}

const OUTPUT_VARIABLE = /\$\{([^}]*)\}/g;

/** The variables an output key template may hold (docs/ci-batch-jobs.md). */
export const OUTPUT_VARIABLES = [
  "InputPath",
  "InputName",
  "InputNameAndExt",
  "ext",
  "InventoryTriggerJobId",
] as const;

/** The `${…}` names in a template that are not output variables. */
export function unknownOutputVariables(template: string): string[] {
  const known = new Set<string>(OUTPUT_VARIABLES);
  return [...template.matchAll(OUTPUT_VARIABLE)]
    .map((match) => match[1] as string)
    .filter((name) => !known.has(name));
}

/** The key an input's output is written at: the template with its variables filled in. */
export function jobOutputKey(template: string, inputKey: string, jobId: string): string {
  const slash = inputKey.lastIndexOf("/");
  const nameAndExt = inputKey.slice(slash + 1);
  const dot = nameAndExt.lastIndexOf(".");
  const values: Record<string, string> = {
    InputPath: inputKey.slice(0, slash + 1),
    InputName: dot > 0 ? nameAndExt.slice(0, dot) : nameAndExt,
    InputNameAndExt: nameAndExt,
    ext: dot > 0 ? nameAndExt.slice(dot + 1) : "",
    InventoryTriggerJobId: jobId,
  };
  return template.replace(OUTPUT_VARIABLE, (whole, name: string) => values[name] ?? whole);
}

/** From this many objects a cloud job is the recommendation rather than the local loop. */
export const CLOUD_JOB_RECOMMENDED_FROM = 1000;

/**
 * How many objects a prefix too big to list holds, estimated by counting a sample of its
 * sub-folders (electron/jobs/count-estimate.ts).
 */
export const CountEstimateSchema = z.object({
  total: z.number().int().nonnegative(),
  /** Half the width of a 95 % interval around `total`: the estimate is `total ± margin`. */
  margin: z.number().int().nonnegative(),
  /** Sub-folders directly under the prefix, and how many of them were counted in full. */
  folders: z.number().int().nonnegative(),
  foldersCounted: z.number().int().nonnegative(),
});
export type CountEstimate = z.infer<typeof CountEstimateSchema>;

/** What a job over a prefix would do, worked out from the keys listed under it. */
export const CloudJobPlanSchema = z.object({
  /** Keys listed; all of them when `complete`, else a lower bound. */
  counted: z.number().int().nonnegative(),
  complete: z.boolean(),
  /** For a prefix not listed to its end: how many objects it holds, estimated from a sample. */
  estimate: CountEstimateSchema.optional(),
  /** The first inputs and the output each one gets. */
  sample: z.array(z.object({ input: z.string(), output: z.string() })),
  /** Outputs that would replace an object listed under the prefix (inputs included). */
  overwrites: z.array(z.string()),
  /** Outputs more than one input would write: all but the last would be lost. */
  shared: z.array(z.string()),
  recommendation: z.enum(["cloud-job", "local-loop"]),
});
export type CloudJobPlan = z.infer<typeof CloudJobPlanSchema>;

const PLAN_SAMPLE = 5;
const PLAN_LISTED_PROBLEMS = 20;

/**
 * `keys` are the inputs in `inputBucket`; an output is an overwrite when it is one of `existing`
 * (the keys listed where the inputs are: the inputs themselves unless told); outputs in another
 * bucket are not checked. The job id is not known yet, so its variable shows as written.
 */
export function planCloudJob(
  inputBucket: string,
  keys: readonly string[],
  complete: boolean,
  request: Pick<CiJobRequest, "output">,
  existing: Iterable<string> = keys,
): CloudJobPlan {
  const listed = new Set(existing);
  const writers = new Map<string, number>();
  const overwrites: string[] = [];
  for (const key of keys) {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
    const output = jobOutputKey(request.output.object, key, "${InventoryTriggerJobId}");
    writers.set(output, (writers.get(output) ?? 0) + 1);
    if (
      request.output.bucket === inputBucket &&
      listed.has(output) &&
      overwrites.length < PLAN_LISTED_PROBLEMS
    )
      overwrites.push(output);
  }
  const shared = [...writers.entries()]
    .filter(([, count]) => count > 1)
    .map(([output]) => output)
    .slice(0, PLAN_LISTED_PROBLEMS);
  return {
    counted: keys.length,
    complete,
    sample: keys.slice(0, PLAN_SAMPLE).map((input) => ({
      input,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CI writes its output variables as ${…}
      output: jobOutputKey(request.output.object, input, "${InventoryTriggerJobId}"),
    })),
    overwrites,
    shared,
    recommendation: !complete || keys.length >= CLOUD_JOB_RECOMMENDED_FROM ? "cloud-job" : "local-loop",
  };
}
