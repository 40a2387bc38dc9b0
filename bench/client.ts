/**
 * Picops's COS client against cos-nodejs-sdk-v5, both talking to one local bucket that runs
 * in its own process (so its CPU and memory are nobody's client cost):
 *  (a) 500 small PUTs with Pic-Operations at concurrency 8: the client's CPU per request
 *      (goal ≤ 0.5× the SDK's), and requests/s;
 *  (b) 20 × 30 MB file uploads, 4 at a time: RSS growth while uploading (goal ≤ 0.5× the
 *      SDK's) and peak RSS, each client measured in its own child process.
 * More figures say what any client could reach here: (a) a ceiling, the rate the Local
 * bucket serves to bare signed undici requests whose answers are not even parsed, and a
 * floor, the CPU of a bare signed undici PUT whose answer is gathered by a bare handler
 * (no stream, the least reading there is) and parsed with Picops's UploadResult parser; (b) floors, the RSS growth of a bare signed undici PUT
 * streaming the same files and the RSS of a process that has only imported undici (the
 * stack's HTTP library), and the bare PUT again with V8's default WebAssembly tiering, to
 * show what keeping undici's parser on baseline code saves (electron/cos/http-parser-tier.ts).
 * Run with `npx tsx bench/client.ts`. The same file is each child's entry point: argv[2] names
 * the role and argv[3] carries its JSON arguments.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { PicopsError } from "../shared/errors";
import { type BenchFigure, recordFigures, times, workloadSize } from "./lib/report";

const BUCKET = "bench-1250000000";
const REGION = "ap-guangzhou";
const CREDENTIALS = { secretId: "AKIDbenchClient", secretKey: "benchClientSecretKey" };
const THROUGHPUT_REQUESTS = workloadSize(500, 200);
/** The floor reads an answer within the client's own limits. */
const ANSWER_LIMITS = {
  ok: 16 * 2 ** 20,
  error: 64 * 1024,
  tooLarge: () => new PicopsError("malformed-response", "answer-too-large", { megabytes: 16 }),
};
const THROUGHPUT_WARMUP = 20;
const THROUGHPUT_CONCURRENCY = 8;
const BIG_UPLOADS = workloadSize(20, 8);
const BIG_CONCURRENCY = 4;
const BIG_SIZE = 30 * 1024 * 1024;
const RULE = "imageMogr2/thumbnail/8x";

type Implementation = "picops" | "sdk";
/**
 * The two clients; the ceiling (`bare`): signed requests with nothing else done; the floor
 * (`parsed`): the same, with the answer read and parsed.
 */
type ThroughputClient = Implementation | "bare" | "parsed";

interface ThroughputArgs {
  impl: ThroughputClient;
  url: string;
  image: string;
}

/**
 * `bare`: a signed undici PUT streaming the file, nothing else, with undici's parser kept on
 * V8's baseline code as the app keeps it (electron/cos/http-parser-tier.ts); `bare-v8-tiering`:
 * the same with V8's default tiering, which recompiles the parser in the middle of the uploads.
 */
type MemoryClient = Implementation | "bare" | "bare-v8-tiering";

interface MemoryArgs {
  impl: MemoryClient;
  url: string;
  file: string;
  warmup: string;
}

interface ThroughputFigures {
  requestsPerSecond: number;
  /** The client process's own CPU (user + system) per request: its cost without the server's. */
  cpuMsPerRequest: number;
}

interface MemoryFigures {
  baselineRss: number;
  peakRss: number;
}

/** Uploads one item per call of `upload`, `concurrency` at a time. */
async function runPool(count: number, concurrency: number, upload: (index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await upload(index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** A `(index) => Promise` uploader for one implementation; setup is excluded from timings. */
async function uploaderFor(
  impl: Implementation,
  url: string,
): Promise<{
  putProcessed(key: string, body: Buffer): Promise<void>;
  putFile(key: string, file: string, size: number): Promise<void>;
  close(): Promise<void>;
}> {
  if (impl === "picops") {
    const { CosClient } = await import("../electron/cos/client");
    const client = new CosClient({
      credentials: CREDENTIALS,
      region: REGION,
      endpoint: { kind: "path-style", baseUrl: url },
    });
    return {
      async putProcessed(key, body) {
        const result = await client.putObject({
          bucket: BUCKET,
          key,
          body,
          picOperations: {
            isPicInfo: false,
            rules: [{ fileid: `thumbs/${path.basename(key)}`, rule: RULE }],
          },
        });
        if (result.uploadResult?.processResults.length !== 1) throw new Error("no ProcessResults");
      },
      async putFile(key, file) {
        await client.putObject({ bucket: BUCKET, key, body: { file } });
      },
      close: () => client.close(),
    };
  }
  const { default: COS } = await import("cos-nodejs-sdk-v5");
  const cos = new COS({
    SecretId: CREDENTIALS.secretId,
    SecretKey: CREDENTIALS.secretKey,
    Domain: `${new URL(url).host}/{Bucket}`,
    Protocol: "http:",
  });
  return {
    async putProcessed(key, body) {
      const data = await cos.putObject({
        Bucket: BUCKET,
        Region: REGION,
        Key: key,
        Body: body,
        Headers: {
          "Pic-Operations": JSON.stringify({
            rules: [{ fileid: `thumbs/${path.basename(key)}`, rule: RULE }],
          }),
        },
      });
      const results = (data as { UploadResult?: { ProcessResults?: { Object?: unknown } } }).UploadResult;
      if (results?.ProcessResults?.Object === undefined) throw new Error("no ProcessResults");
    },
    async putFile(key, file, size) {
      await cos.putObject({
        Bucket: BUCKET,
        Region: REGION,
        Key: key,
        Body: createReadStream(file),
        ContentLength: size,
      });
    },
    close: async () => {},
  };
}

/**
 * The least a client can do: sign (with Picops's signer, about 20 µs) and send the same PUT
 * through undici, then drain the answer unread. No option checks, no XML, no retries.
 */
async function bareUploader(
  url: string,
  parseAnswer: boolean,
  parserTier: "app" | "v8-default" = "app",
): Promise<{
  putProcessed(key: string, body: Buffer): Promise<void>;
  putFile(key: string, file: string, size: number): Promise<void>;
  close(): Promise<void>;
}> {
  if (parserTier === "app") await import("../electron/cos/http-parser-tier");
  const { Agent } = await import("undici");
  const { openBody } = await import("../electron/cos/object-body");
  const { signRequest } = await import("../electron/cos/signature");
  const { parseUploadResult } = await import("../electron/cos/xml");
  const { requestWhole } = await import("../electron/cos/whole-answer");
  const agent = new Agent({ connections: THROUGHPUT_CONCURRENCY });
  const origin = new URL(url);
  const signedHeaders = (key: string, size: number): Record<string, string> => {
    const now = Math.round(Date.now() / 1000);
    const headers = { host: origin.host, "content-length": String(size) };
    return {
      ...headers,
      authorization: signRequest({
        ...CREDENTIALS,
        method: "PUT",
        path: `/${key}`,
        headers,
        startTime: now - 1,
        endTime: now + 900,
      }),
    };
  };
  return {
    async putFile(key, file, size) {
      // Through Picops's file reader, the least a streaming upload can hold in memory.
      const answer = await agent.request({
        origin: origin.origin,
        path: `/${BUCKET}/${key}`,
        method: "PUT",
        headers: signedHeaders(key, size),
        body: openBody({ file, size }, undefined) as AsyncIterable<Uint8Array> as never,
      });
      await answer.body.dump();
      if (answer.statusCode !== 200) throw new Error(`bare PUT answered ${answer.statusCode}`);
    },
    close: () => agent.close(),
    async putProcessed(key, body) {
      const request = {
        origin: origin.origin,
        path: `/${BUCKET}/${key}`,
        method: "PUT" as const,
        headers: {
          ...signedHeaders(key, body.length),
          "pic-operations": JSON.stringify({
            rules: [{ fileid: `thumbs/${path.basename(key)}`, rule: RULE }],
          }),
        },
        body,
      };
      if (parseAnswer) {
        const answer = await requestWhole(agent, request, ANSWER_LIMITS, undefined);
        const result = parseUploadResult(answer.body.toString("utf8"));
        if (answer.status !== 200 || result.processResults.length !== 1) throw new Error("no ProcessResults");
        return;
      }
      const answer = await agent.request(request);
      await answer.body.dump({ limit: Number.POSITIVE_INFINITY });
      if (answer.statusCode !== 200) throw new Error(`bare PUT answered ${answer.statusCode}`);
    },
  };
}

async function throughputRole(args: ThroughputArgs): Promise<ThroughputFigures> {
  const uploader =
    args.impl === "bare" || args.impl === "parsed"
      ? await bareUploader(args.url, args.impl === "parsed")
      : await uploaderFor(args.impl, args.url);
  const body = await readFile(args.image);
  await runPool(THROUGHPUT_WARMUP, THROUGHPUT_CONCURRENCY, (i) =>
    uploader.putProcessed(`warm/${args.impl}/${i}.png`, body),
  );
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await runPool(THROUGHPUT_REQUESTS, THROUGHPUT_CONCURRENCY, (i) =>
    uploader.putProcessed(`small/${args.impl}/${i}.png`, body),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  await uploader.close();
  return {
    requestsPerSecond: THROUGHPUT_REQUESTS / seconds,
    cpuMsPerRequest: (used.user + used.system) / 1000 / THROUGHPUT_REQUESTS,
  };
}

async function memoryRole(args: MemoryArgs): Promise<MemoryFigures> {
  const uploader =
    args.impl === "bare" || args.impl === "bare-v8-tiering"
      ? await bareUploader(args.url, false, args.impl === "bare" ? "app" : "v8-default")
      : await uploaderFor(args.impl, args.url);
  // One small upload first, so lazily loaded parts (undici's WASM parser, the SDK's request
  // stack) count as baseline rather than as the cost of moving 30 MB files.
  await uploader.putFile(`big/${args.impl}/warm.png`, args.warmup, (await readFile(args.warmup)).length);
  // The kernel's high-water mark is reset here: start-up (compiling modules, loading the
  // SDK's tree) can peak higher than anything the uploads do, and is not their cost.
  await writeFile("/proc/self/clear_refs", "5");
  const baselineRss = process.memoryUsage().rss;
  await runPool(BIG_UPLOADS, BIG_CONCURRENCY, (i) =>
    uploader.putFile(`big/${args.impl}/${i % BIG_CONCURRENCY}.bin`, args.file, BIG_SIZE),
  );
  await uploader.close();
  return { baselineRss, peakRss: await highWaterRss() };
}

/** VmHWM: the most resident memory this process has had since the last reset, in bytes. */
async function highWaterRss(): Promise<number> {
  const status = await readFile("/proc/self/status", "utf8");
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kib === undefined) throw new Error("no VmHWM in /proc/self/status");
  return Number(kib) * 1024;
}

/** A process that has loaded undici and sent nothing: no client on this stack can weigh less. */
async function floorRole(): Promise<{ rss: number }> {
  await import("undici");
  return { rss: process.memoryUsage().rss };
}

async function serverRole(args: { root: string }): Promise<void> {
  const { startLocalBucket } = await import("../electron/local-bucket/index");
  const bucket = await startLocalBucket({
    root: args.root,
    region: REGION,
    buckets: [BUCKET],
    credentials: [CREDENTIALS],
  });
  process.stdout.write(`${JSON.stringify({ url: bucket.url })}\n`);
  // The parent closes our stdin when it is done.
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.on("end", resolve));
  await bucket.close();
}

/** Starts this file in another process with a role; resolves with its first JSON line. */
function child<T>(role: string, args: unknown): { process: ChildProcess; result: Promise<T> } {
  const entry = fileURLToPath(import.meta.url);
  const proc = spawn(process.execPath, [...process.execArgv, entry, role, JSON.stringify(args)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const result = new Promise<T>((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
    lines.once("line", (line) => resolve(JSON.parse(line) as T));
    proc.once("exit", (code) => reject(new Error(`${role} exited with code ${code}`)));
  });
  return { process: proc, result };
}

async function main(): Promise<void> {
  const { default: sharp } = await import("sharp");
  const dir = await mkdtemp(path.join(tmpdir(), "picops-bench-client-"));
  const server = child<{ url: string }>("server", { root: path.join(dir, "bucket") });
  try {
    const { url } = await server.result;
    const image = path.join(dir, "small.png");
    await writeFile(
      image,
      await sharp({ create: { width: 16, height: 16, channels: 3, background: "#3d3d3d" } })
        .png()
        .toBuffer(),
    );
    const big = path.join(dir, "big.bin");
    await writeFile(big, Buffer.alloc(BIG_SIZE, 0x5a));

    // Alternating runs, best of two each, so neither client benefits from going second.
    const unmeasured = { requestsPerSecond: 0, cpuMsPerRequest: Number.POSITIVE_INFINITY };
    const throughput: Record<ThroughputClient, ThroughputFigures> = {
      picops: unmeasured,
      sdk: unmeasured,
      bare: unmeasured,
      parsed: unmeasured,
    };
    for (const impl of ["sdk", "picops", "bare", "parsed", "sdk", "picops", "bare", "parsed"] as const) {
      const figures = await child<ThroughputFigures>("throughput", { impl, url, image }).result;
      throughput[impl] = {
        requestsPerSecond: Math.max(throughput[impl].requestsPerSecond, figures.requestsPerSecond),
        cpuMsPerRequest: Math.min(throughput[impl].cpuMsPerRequest, figures.cpuMsPerRequest),
      };
    }
    const memory = {} as Record<MemoryClient, MemoryFigures>;
    for (const impl of ["sdk", "picops", "bare", "bare-v8-tiering"] as const) {
      memory[impl] = await child<MemoryFigures>("memory", { impl, url, file: big, warmup: image }).result;
    }
    const floor = await child<{ rss: number }>("floor", {}).result;

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    const cpu = (impl: ThroughputClient) => `${throughput[impl].cpuMsPerRequest.toFixed(2)} ms`;
    const rate = (impl: ThroughputClient) => `${throughput[impl].requestsPerSecond.toFixed(0)} req/s`;
    const cpuRatio = (impl: ThroughputClient) =>
      throughput[impl].cpuMsPerRequest / throughput.sdk.cpuMsPerRequest;
    const rateRatio = (impl: ThroughputClient) =>
      throughput[impl].requestsPerSecond / throughput.sdk.requestsPerSecond;
    const growth = (impl: MemoryClient) => memory[impl].peakRss - memory[impl].baselineRss;
    const growthRatio = growth("picops") / growth("sdk");
    const sdk = (text: string) => `cos-nodejs-sdk-v5: ${text}`;
    const figures: BenchFigure[] = [
      {
        figure: "(a) client CPU per PUT + Pic-Operations",
        picops: cpu("picops"),
        baseline: sdk(cpu("sdk")),
        ratio: times(cpuRatio("picops")),
        goal: "≤ 0.5×",
        met: cpuRatio("picops") <= 0.5,
      },
      {
        figure:
          "(a) floor: CPU of a bare signed undici PUT that reads its answer (a bare handler, no stream) and parses it",
        picops: cpu("parsed"),
        baseline: sdk(cpu("sdk")),
        ratio: times(cpuRatio("parsed")),
        goal: "",
      },
      {
        figure: "(a) PUT + Pic-Operations throughput",
        picops: rate("picops"),
        baseline: sdk(rate("sdk")),
        ratio: times(rateRatio("picops")),
        goal: "",
      },
      {
        figure: "(a) ceiling: the Local bucket's rate for bare signed undici PUTs, answers unread",
        picops: rate("bare"),
        baseline: sdk(rate("sdk")),
        ratio: times(rateRatio("bare")),
        goal: "",
      },
      {
        figure: "(b) RSS growth while uploading",
        picops: mb(growth("picops")),
        baseline: sdk(mb(growth("sdk"))),
        ratio: times(growthRatio),
        goal: "≤ 0.5×",
        met: growthRatio <= 0.5,
      },
      {
        figure: "(b) floor: RSS growth of a bare signed undici PUT streaming the same files",
        picops: mb(growth("bare")),
        baseline: sdk(mb(growth("sdk"))),
        ratio: times(growth("bare") / growth("sdk")),
        goal: "",
      },
      {
        figure:
          "(b) the same bare PUT with V8's default WebAssembly tiering (it recompiles undici's HTTP parser mid-upload; the app keeps the parser on baseline code)",
        picops: mb(growth("bare-v8-tiering")),
        baseline: sdk(mb(growth("sdk"))),
        ratio: times(growth("bare-v8-tiering") / growth("sdk")),
        goal: "",
      },
      {
        figure: "(b) client peak RSS",
        picops: mb(memory.picops.peakRss),
        baseline: sdk(mb(memory.sdk.peakRss)),
        ratio: times(memory.picops.peakRss / memory.sdk.peakRss),
        goal: "",
      },
      {
        figure: "(b) floor: RSS of a process that only imported undici",
        picops: mb(floor.rss),
        baseline: `cos-nodejs-sdk-v5 peak: ${mb(memory.sdk.peakRss)}`,
        ratio: times(floor.rss / memory.sdk.peakRss),
        goal: "",
      },
    ];
    for (const figure of figures) {
      console.log(`${figure.figure}: ${figure.picops} (${figure.baseline}) ${figure.ratio} ${figure.goal}`);
    }
    recordFigures({
      workload: `(a) ${THROUGHPUT_REQUESTS} PUT of a 16×16 PNG + Pic-Operations \`${RULE}\` @ ${THROUGHPUT_CONCURRENCY}; (b) ${BIG_UPLOADS} × 30 MB @ ${BIG_CONCURRENCY}; one Local bucket in its own process`,
      figures,
    });
  } finally {
    if (server.process.exitCode === null) {
      const exited = new Promise((resolve) => server.process.once("exit", resolve));
      server.process.stdin?.end();
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  }
}

async function run(): Promise<void> {
  const [role = "main", json = "{}"] = process.argv.slice(2);
  const args = JSON.parse(json);
  switch (role) {
    case "server":
      return serverRole(args);
    case "throughput":
      process.stdout.write(`${JSON.stringify(await throughputRole(args))}\n`);
      return;
    case "memory":
      process.stdout.write(`${JSON.stringify(await memoryRole(args))}\n`);
      return;
    case "floor":
      process.stdout.write(`${JSON.stringify(await floorRole())}\n`);
      return;
    default:
      return main();
  }
}

await run();
