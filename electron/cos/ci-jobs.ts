import {
  type CiJobDetail,
  type CiJobList,
  type CiJobListQuery,
  type CiJobRequest,
  CiJobRequestSchema,
} from "../../shared/cos/ci-jobs";
import { isValidBucketName } from "../../shared/cos/names";
import { issueMessageRef } from "../../shared/error-messages";
import { PicopsError } from "../../shared/errors";
import { parseJobsResponse, triggerRequestXml } from "./ci-jobs-xml";
import { type CosEndpoint, ciTarget } from "./endpoint";
import { abortedError } from "./retry";
import { type CosRequest, CosTransport, type TransportOptions } from "./transport";
import type { WholeAnswer } from "./whole-answer";

/**
 * Cloud Infinite batch jobs (docs/ci-batch-jobs.md): trigger one over a prefix, follow it,
 * list recent ones and cancel. Requests go to the bucket's `ci` host, signed like any COS
 * request by the shared transport.
 */

export interface CiJobsClientOptions extends TransportOptions {
  region: string;
  endpoint?: CosEndpoint;
}

export interface CiJobsCall {
  bucket: string;
  region?: string | undefined;
  signal?: AbortSignal | undefined;
}

const JOBS_PATH = "/inventorytriggerjob";

export class CiJobsClient {
  readonly #transport: CosTransport;
  readonly #region: string;
  readonly #endpoint: CosEndpoint;

  constructor(options: CiJobsClientOptions) {
    this.#transport = new CosTransport(options);
    this.#region = options.region;
    this.#endpoint = options.endpoint ?? { kind: "virtual-host" };
  }

  close(): Promise<void> {
    return this.#transport.close();
  }

  /** Trigger Job (Independent Node): CI answers at once with the job `Submitted`. */
  async trigger(call: CiJobsCall & { request: CiJobRequest }): Promise<CiJobDetail> {
    const request = parseRequest(call.request);
    const body = Buffer.from(triggerRequestXml(request));
    // Not idempotent: a lost answer retried would start a second job over the same prefix.
    const response = await this.#send(call, "POST", JOBS_PATH, {}, body, false);
    const job = parseJobsResponse(response.body.toString("utf8")).jobs[0];
    if (!job)
      throw new PicopsError("malformed-response", "xml-field-unreadable", {
        root: "Response",
        field: "JobsDetail",
      });
    return job;
  }

  /** Querying Job: undefined when CI names the id in `NonExistJobIds`. */
  async get(call: CiJobsCall & { jobId: string }): Promise<CiJobDetail | undefined> {
    const response = await this.#send(
      call,
      "GET",
      `${JOBS_PATH}/${jobIdPath(call.jobId)}`,
      {},
      undefined,
      true,
    );
    return parseJobsResponse(response.body.toString("utf8")).jobs[0];
  }

  /** Pulling Jobs: the bucket's recent picture jobs, newest first unless told otherwise. */
  async list(call: CiJobsCall & { query?: CiJobListQuery }): Promise<CiJobList> {
    const query: Record<string, string> = { type: "Job" };
    const { size, states, orderByTime, nextToken } = call.query ?? {};
    if (size !== undefined) query.size = String(size);
    if (states !== undefined && states.length > 0) query.states = states.join(",");
    if (orderByTime !== undefined) query.orderByTime = orderByTime;
    if (nextToken !== undefined) query.nextToken = nextToken;
    const response = await this.#send(call, "GET", JOBS_PATH, query, undefined, true);
    const parsed = parseJobsResponse(response.body.toString("utf8"));
    return { jobs: parsed.jobs, nextToken: parsed.nextToken };
  }

  /** Canceling Job: objects already processed keep their outputs. */
  async cancel(call: CiJobsCall & { jobId: string }): Promise<void> {
    const path = `${JOBS_PATH}/${jobIdPath(call.jobId)}`;
    await this.#send(call, "PUT", path, { cancel: "" }, undefined, true);
  }

  #send(
    call: CiJobsCall,
    method: CosRequest["method"],
    path: string,
    query: Record<string, string>,
    body: Buffer | undefined,
    idempotent: boolean,
  ): Promise<WholeAnswer> {
    if (call.signal?.aborted) return Promise.reject(abortedError());
    if (!isValidBucketName(call.bucket)) {
      throw new PicopsError(
        "InvalidBucketName",
        "bucket-name-invalid",
        { bucket: call.bucket },
        { path: ["bucket"] },
      );
    }
    return this.#transport.sendForWhole({
      method,
      target: ciTarget(this.#endpoint, call.bucket, call.region ?? this.#region, path),
      query,
      headers: body === undefined ? {} : { "content-type": "application/xml" },
      ...(body === undefined ? {} : { body }),
      idempotent,
      signal: call.signal,
    });
  }
}

function parseRequest(request: CiJobRequest): CiJobRequest {
  const parsed = CiJobRequestSchema.safeParse(request);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const text = issueMessageRef(issue) ?? { messageId: "ci-job-request-invalid" as const };
  throw new PicopsError("invalid-input", text.messageId, text.values, {
    path: (issue?.path ?? []).map((part) => (typeof part === "symbol" ? String(part) : part)),
  });
}

/** CI's ids are letters and digits; anything else would change the path. */
function jobIdPath(jobId: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(jobId)) {
    throw new PicopsError(
      "invalid-input",
      "ci-job-id-invalid",
      { jobId: jobId.slice(0, 64) },
      { path: ["jobId"] },
    );
  }
  return jobId;
}
