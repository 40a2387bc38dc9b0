import { CiJobListQuerySchema, CiJobStateSchema, unknownOutputVariables } from "../../shared/cos/ci-jobs";
import { jobsResponseXml, parseTriggerRequest } from "../cos/ci-jobs-xml";
import { type Exchange, sendEmpty, sendXml } from "./answer";
import type { CiJobRunner } from "./ci-job-runner";
import { CosFailure } from "./failure";
import type { ImageContext } from "./image-context";
import { checkStylesExist, parseRuleOrFail } from "./image-context";
import { queryValue } from "./objects";
import { malformedXml, readBody, XML_BODY_LIMIT } from "./request-body";
import type { RequestTarget } from "./request-target";

/**
 * CI's batch job calls on the `ci` host (docs/ci-batch-jobs.md): Trigger, Query, Pull and
 * Cancel at `/inventorytriggerjob[/<jobId>]`, answered with the XML the client reads.
 */

const JOBS = "inventorytriggerjob";

function invalid(message: string): CosFailure {
  return new CosFailure(400, "InvalidArgument", message);
}

function methodNotAllowed(): CosFailure {
  return new CosFailure(
    405,
    "MethodNotAllowed",
    "The specified method is not allowed against this resource.",
  );
}

export async function handleCiJobRequest(
  exchange: Exchange,
  context: ImageContext,
  jobs: CiJobRunner,
  target: RequestTarget,
  nowMs: number,
): Promise<void> {
  const [head, jobId, ...rest] = target.key.split("/");
  if (head !== JOBS || rest.length > 0 || jobId === "") {
    throw new CosFailure(
      404,
      "NoSuchResource",
      "The local bucket serves only /inventorytriggerjob on the ci host.",
    );
  }
  const method = exchange.req.method;
  const answer = (details: ReturnType<CiJobRunner["get"]>[], nextToken?: string, missing: string[] = []) =>
    sendXml(
      exchange,
      200,
      jobsResponseXml({
        requestId: exchange.requestId,
        jobs: details.filter((detail) => detail !== undefined),
        nextToken,
        nonExistJobIds: missing,
      }),
    );
  if (jobId === undefined) {
    if (method === "POST") return answer([await trigger(exchange, context, jobs, target.bucket, nowMs)]);
    if (method === "GET") {
      const query = listQuery(target);
      // Every job here is a Type Job; asking for workflow-triggered ones finds none.
      if (queryValue(target.query, "type") === "Workflow") return answer([]);
      const list = jobs.list(target.bucket, query);
      return answer(list.jobs, list.nextToken);
    }
    throw methodNotAllowed();
  }
  if (method === "GET") {
    const detail = jobs.get(target.bucket, jobId);
    return answer([detail], undefined, detail ? [] : [jobId]);
  }
  if (method === "PUT" && queryValue(target.query, "cancel") !== undefined) {
    if (!(await jobs.cancel(target.bucket, jobId, nowMs))) {
      throw new CosFailure(404, "NoSuchResource", `There is no job ${jobId} in this bucket.`);
    }
    return sendEmpty(exchange, 200);
  }
  throw methodNotAllowed();
}

async function trigger(
  exchange: Exchange,
  context: ImageContext,
  jobs: CiJobRunner,
  bucket: string,
  nowMs: number,
) {
  const body = await readBody(exchange.req, XML_BODY_LIMIT, malformedXml);
  const parsed = parseTriggerRequest(body.toString("utf8"));
  if (!parsed.ok) {
    if (parsed.problem === "malformed") throw malformedXml();
    if (parsed.problem === "not-a-picture-job") {
      throw new CosFailure(501, "NotImplemented", "The local bucket runs only Type Job with Tag PicProcess.");
    }
    throw invalid(`The job's ${parsed.problem} is missing or invalid.`);
  }
  const { request } = parsed;
  if (!context.stores.has(request.output.bucket) || request.output.region !== context.region) {
    throw invalid(
      `The output bucket ${request.output.bucket} in ${request.output.region} is not served here.`,
    );
  }
  const unknown = unknownOutputVariables(request.output.object);
  if (unknown.length > 0) {
    throw invalid(
      `The output object uses unknown variables: ${unknown.map((name) => `\${${name}}`).join(", ")}.`,
    );
  }
  // The rule is checked once here, so a job that cannot run any object is refused at once.
  checkStylesExist(parseRuleOrFail(request.processRule), context.styles.get(bucket));
  return jobs.submit(bucket, request, nowMs);
}

function listQuery(target: RequestTarget) {
  const size = queryValue(target.query, "size");
  const states = queryValue(target.query, "states");
  const parsed = CiJobListQuerySchema.safeParse({
    size: size === undefined || size === "" ? undefined : Number(size),
    states:
      states === undefined || states === "" || states === "All"
        ? undefined
        : states.split(",").map((state) => CiJobStateSchema.safeParse(state).data ?? state),
    orderByTime: queryValue(target.query, "orderByTime") || undefined,
    nextToken: queryValue(target.query, "nextToken") || undefined,
  });
  if (parsed.success && parsed.data.nextToken !== undefined && !/^\d+$/.test(parsed.data.nextToken)) {
    throw invalid("The nextToken parameter of Pulling Jobs is not one this bucket gave.");
  }
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? "query");
    throw invalid(`The ${field} parameter of Pulling Jobs is invalid.`);
  }
  return parsed.data;
}
