import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { isValidBucketName, isValidRegion } from "../../shared/cos/names";
import { PicopsError } from "../../shared/errors";
import { type Exchange, newRequestId, sendEmpty, sendFailure, setCommonHeaders } from "./answer";
import { authenticate, type LocalCredential } from "./authentication";
import { CiJobRunner, type CiJobRunnerOptions } from "./ci-job-runner";
import { CosFailure, toCosFailure } from "./failure";
import { type FaultInjector, Faults } from "./faults";
import { type ImageContext, locationOf, processingTurnsForThisMachine } from "./image-context";
import { readBody } from "./request-body";
import { resolveTarget } from "./request-target";
import { route } from "./router";
import { BucketStore } from "./store";
import { StyleBook } from "./styles";

/**
 * The local bucket: a COS-compatible server on 127.0.0.1 that keeps objects on disk,
 * checks signatures, answers with COS's XML, headers and errors, and runs Pic-Operations
 * rules with the local engine. Designers use it offline and every Picops test runs
 * against it.
 */

export type { LocalCredential } from "./authentication";
export type { FaultInjector } from "./faults";

export interface LocalBucketOptions {
  /** Folder holding every bucket. */
  root: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** e.g. "ap-guangzhou". */
  region: string;
  /** BucketName-APPID, created if missing. */
  buckets: string[];
  credentials: LocalCredential[];
  /** Clock in ms, for key-time, clock-skew and token-expiry tests. */
  now?: () => number;
  /**
   * Enables `POST /-/faults` (header `x-picops-fault-token`) so that a test in another
   * process can inject faults; off unless set.
   */
  faultControlToken?: string;
  /** How batch jobs on the ci host run, and hooks for tests to follow them. */
  ciJobs?: CiJobRunnerOptions;
}

export interface LocalBucket {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  region: string;
  faults: FaultInjector;
  /** Accepts another key pair from now on, as STS does when it issues temporary keys. */
  addCredentials(credential: LocalCredential): void;
  close(): Promise<void>;
}

const FAULT_ROUTE = "/-/faults";

export async function startLocalBucket(options: LocalBucketOptions): Promise<LocalBucket> {
  if (!isValidRegion(options.region)) {
    throw new PicopsError("invalid-input", "region-invalid", { region: options.region });
  }
  const invalid = options.buckets.find((name) => !isValidBucketName(name));
  if (invalid !== undefined) {
    throw new PicopsError("InvalidBucketName", "local-bucket-name-invalid", { bucket: invalid });
  }
  const stores = new Map<string, BucketStore>();
  const styles = new Map<string, StyleBook>();
  for (const name of new Set(options.buckets)) {
    stores.set(name, await BucketStore.open(options.root, name));
    styles.set(name, await StyleBook.open(options.root, name));
  }
  const context: ImageContext = {
    region: options.region,
    stores,
    styles,
    processingTurns: processingTurnsForThisMachine(),
  };
  const faults = new Faults();
  const jobs = await CiJobRunner.open(options.root, context, {
    now: options.now,
    ...options.ciJobs,
    onObjectDone: (jobId, key, code) => {
      const holds = [options.ciJobs?.onObjectDone?.(jobId, key, code), faults.jobHold()];
      const waiting = holds.filter((hold) => hold !== undefined);
      return waiting.length === 0 ? undefined : Promise.all(waiting).then(() => undefined);
    },
  });
  const bucketNames = new Set(stores.keys());
  const credentials = new Map(options.credentials.map((c) => [c.secretId, c]));
  const now = options.now ?? Date.now;
  const closing = new AbortController();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestAbort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) requestAbort.abort();
    });
    const exchange: Exchange = { req, res, requestId: newRequestId(), signal: requestAbort.signal };
    setCommonHeaders(exchange, now());
    let resource = `${req.headers.host ?? ""}${req.url ?? ""}`;
    try {
      if (options.faultControlToken !== undefined && req.url === FAULT_ROUTE && req.method === "POST") {
        await controlFaults(exchange, options.faultControlToken, faults);
        return;
      }
      const fault = faults.take(req.url ?? "/");
      if (fault.kind === "reset") {
        req.socket.destroy();
        return;
      }
      if (faults.latencyMs > 0) await delay(faults.latencyMs, undefined, { signal: closing.signal });
      if (fault.kind === "fail")
        throw new CosFailure(fault.status, fault.code, "Failure injected by the local bucket.");
      const target = resolveTarget(req.url ?? "/", req.headers.host ?? "", options.region, bucketNames);
      resource = locationOf(context, target.bucket, target.key);
      authenticate(
        { method: req.method ?? "GET", headers: req.headers, key: target.key, query: target.query },
        credentials,
        now(),
      );
      await route(exchange, context, stores.get(target.bucket) as BucketStore, target, jobs, now());
    } catch (error) {
      // A client that went away gets no answer; whatever it was writing was never committed.
      if (requestAbort.signal.aborted || closing.signal.aborted) {
        res.destroy();
        return;
      }
      sendFailure(exchange, toCosFailure(error), resource);
    }
  }

  const inFlight = new Set<Promise<void>>();
  // No overall request timeout: a multi-gigabyte upload over a throttled link may take long.
  const server = createServer({ requestTimeout: 0 }, (req, res) => {
    const work = handle(req, res).catch(() => {
      res.destroy();
    });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    region: options.region,
    faults,
    addCredentials(credential) {
      credentials.set(credential.secretId, credential);
    },
    async close() {
      closing.abort();
      await jobs.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await Promise.allSettled([...inFlight]);
    },
  };
}

/**
 * `POST /-/faults` with a JSON body: `{failNext:{count,status,code?}} | {resetNext:n} |
 * {latencyMs:n} | {holdJobs:true} | {releaseJobs:true} | {clear:true}`.
 */
async function controlFaults(exchange: Exchange, token: string, faults: Faults): Promise<void> {
  const given = Buffer.from(String(exchange.req.headers["x-picops-fault-token"] ?? ""));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new CosFailure(403, "AccessDenied", "The fault control token is missing or wrong.");
  }
  const invalid = () => new CosFailure(400, "InvalidArgument", "The fault control body is not valid.");
  const body = await readBody(exchange.req, 64 * 1024, invalid);
  let command: unknown;
  try {
    command = JSON.parse(body.toString("utf8"));
  } catch {
    throw invalid();
  }
  const c = (command ?? {}) as Record<string, unknown>;
  const fail = c.failNext as { count?: unknown; status?: unknown; code?: unknown } | undefined;
  if (fail && typeof fail.count === "number" && typeof fail.status === "number") {
    faults.failNext(fail.count, fail.status, typeof fail.code === "string" ? fail.code : undefined);
  } else if (typeof c.resetNext === "number") faults.resetNext(c.resetNext);
  else if (typeof c.latencyMs === "number") faults.setLatency(c.latencyMs);
  else if (c.holdJobs === true) faults.holdJobs();
  else if (c.releaseJobs === true) faults.releaseJobs();
  else if (c.clear === true) faults.clear();
  else throw invalid();
  sendEmpty(exchange, 204);
}
