import { XMLParser, XMLValidator } from "fast-xml-parser";
import {
  type CiJobDetail,
  CiJobDetailSchema,
  type CiJobRequest,
  CiJobRequestSchema,
} from "../../shared/cos/ci-jobs";
import { PicopsError } from "../../shared/errors";
import { child, text, type XmlNode } from "./xml";

/**
 * The XML of CI's batch job calls (docs/ci-batch-jobs.md), both ways: the client writes
 * `<Request>` and reads `<Response>`, the Local bucket reads `<Request>` and writes
 * `<Response>` with these same functions, so the two cannot drift apart.
 */

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (_name, jpath) => String(jpath) === "Response.JobsDetail",
});

function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function element(name: string, value: string | undefined): string {
  return value === undefined ? "" : `<${name}>${escapeXml(value)}</${name}>`;
}

function inputXml(input: CiJobRequest["input"]): string {
  if ("prefix" in input) return `<Input>${element("Prefix", input.prefix)}</Input>`;
  if ("urlFile" in input) return `<Input>${element("UrlFile", input.urlFile)}</Input>`;
  return `<Input>${element("Object", input.object)}</Input>`;
}

function operationXml(request: CiJobRequest): string {
  const { output } = request;
  return (
    "<Operation><Tag>PicProcess</Tag><JobParam><PicProcess>" +
    element("IsPicInfo", String(request.isPicInfo)) +
    element("ProcessRule", request.processRule) +
    "</PicProcess></JobParam><Output>" +
    element("Region", output.region) +
    element("Bucket", output.bucket) +
    element("Object", output.object) +
    "</Output></Operation>"
  );
}

/** Trigger Job's body: `Type` Job, `Tag` PicProcess, the rule inline. */
export function triggerRequestXml(request: CiJobRequest): string {
  return `<Request>${element("Name", request.name)}<Type>Job</Type>${inputXml(request.input)}${operationXml(request)}</Request>`;
}

function jobDetailXml(job: CiJobDetail): string {
  return (
    "<JobsDetail>" +
    element("Code", job.code) +
    element("Message", job.message) +
    element("JobId", job.jobId) +
    "<Tag>PicProcess</Tag><Type>Job</Type>" +
    element("Name", job.name) +
    element("State", job.state) +
    element("Progress", job.progress === undefined ? undefined : `${job.progress}%`) +
    element("CreationTime", job.creationTime ?? "-") +
    element("StartTime", job.startTime ?? "-") +
    element("EndTime", job.endTime ?? "-") +
    (job.request === undefined ? "" : inputXml(job.request.input) + operationXml(job.request)) +
    "</JobsDetail>"
  );
}

export interface CiJobsResponse {
  requestId: string | undefined;
  jobs: CiJobDetail[];
  nextToken: string | undefined;
  nonExistJobIds: string[];
}

/** `<Response>` of Trigger, Query and Pull. */
export function jobsResponseXml(response: CiJobsResponse): string {
  const missing = response.nonExistJobIds.length > 0 ? response.nonExistJobIds.join(",") : undefined;
  return (
    `<?xml version='1.0' encoding='utf-8' ?>\n<Response>${element("RequestId", response.requestId)}` +
    response.jobs.map(jobDetailXml).join("") +
    element("NonExistJobIds", missing) +
    element("NextToken", response.nextToken) +
    "</Response>"
  );
}

function parseDocument(xml: string, root: string): XmlNode | undefined {
  // The parser reads unclosed elements leniently; a body cut short must not pass as a request.
  if (XMLValidator.validate(xml) !== true) return undefined;
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch {
    return undefined;
  }
  const node = (document as XmlNode | undefined)?.[root];
  if (node === "") return {};
  return typeof node === "object" && node !== null ? (node as XmlNode) : undefined;
}

/** A `<Request>` or `<JobsDetail>`'s Input and Operation, not yet checked. */
function requestFields(node: XmlNode): Record<string, unknown> {
  const input = child(node, "Input");
  const operation = child(node, "Operation");
  const picProcess = child(child(operation, "JobParam"), "PicProcess");
  const output = child(operation, "Output");
  const prefix = text(input, "Prefix") ?? (input.Prefix === undefined ? undefined : "");
  const urlFile = text(input, "UrlFile");
  const isPicInfo = text(picProcess, "IsPicInfo");
  return {
    name: text(node, "Name"),
    input:
      prefix !== undefined
        ? { prefix }
        : urlFile !== undefined
          ? { urlFile }
          : { object: text(input, "Object") },
    processRule: text(picProcess, "ProcessRule"),
    isPicInfo:
      isPicInfo === undefined
        ? false
        : isPicInfo === "true"
          ? true
          : isPicInfo === "false"
            ? false
            : isPicInfo,
    output: {
      region: text(output, "Region"),
      bucket: text(output, "Bucket"),
      object: text(output, "Object"),
    },
  };
}

/** `problem`: "malformed", "not-a-picture-job", or the path of the first invalid field. */
export type ParsedTriggerRequest = { ok: true; request: CiJobRequest } | { ok: false; problem: string };

/** Reads a Trigger Job body; `problem` names the first field that is missing or wrong. */
export function parseTriggerRequest(xml: string): ParsedTriggerRequest {
  const root = parseDocument(xml, "Request");
  if (!root) return { ok: false, problem: "malformed" };
  const type = text(root, "Type");
  const tag = text(child(root, "Operation"), "Tag");
  if ((type !== undefined && type !== "Job") || tag !== "PicProcess")
    return { ok: false, problem: "not-a-picture-job" };
  const parsed = CiJobRequestSchema.safeParse(requestFields(root));
  if (parsed.success) return { ok: true, request: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: (issue?.path ?? []).join(".") || "malformed" };
}

function unreadable(field: string): PicopsError {
  return new PicopsError("malformed-response", "xml-field-unreadable", { root: "Response", field });
}

function optionalTime(value: string | undefined): string | undefined {
  return value === undefined || value === "" || value === "-" ? undefined : value;
}

function parseJobDetail(node: XmlNode, index: number): CiJobDetail {
  const progress = text(node, "Progress");
  const percent = progress === undefined || progress === "" ? undefined : Number(progress.replace(/%$/, ""));
  const parsed = CiJobDetailSchema.safeParse({
    jobId: text(node, "JobId"),
    name: text(node, "Name") ?? "",
    state: text(node, "State"),
    progress: percent === undefined || Number.isNaN(percent) ? undefined : Math.round(percent),
    code: text(node, "Code") ?? "",
    message: text(node, "Message") ?? "",
    creationTime: optionalTime(text(node, "CreationTime")),
    startTime: optionalTime(text(node, "StartTime")),
    endTime: optionalTime(text(node, "EndTime")),
  });
  const request = CiJobRequestSchema.safeParse(requestFields(node));
  if (parsed.success) return request.success ? { ...parsed.data, request: request.data } : parsed.data;
  const path = (parsed.error.issues[0]?.path ?? []).join(".");
  throw unreadable(`JobsDetail[${index}]${path === "" ? "" : `.${path}`}`);
}

/** The `<Response>` of Trigger, Query or Pull, every `<JobsDetail>` checked. */
export function parseJobsResponse(xml: string): CiJobsResponse {
  const root = parseDocument(xml, "Response");
  if (!root) throw new PicopsError("malformed-response", "xml-root-missing", { root: "Response" });
  const details = Array.isArray(root.JobsDetail) ? (root.JobsDetail as unknown[]) : [];
  const missing = text(root, "NonExistJobIds");
  return {
    requestId: text(root, "RequestId"),
    jobs: details.map((node, index) =>
      parseJobDetail(typeof node === "object" && node !== null ? (node as XmlNode) : {}, index),
    ),
    nextToken: text(root, "NextToken") || undefined,
    nonExistJobIds: missing ? missing.split(",").filter((id) => id !== "") : [],
  };
}
