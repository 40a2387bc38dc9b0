/**
 * Picops's COS client against cos-nodejs-sdk-v5, both talking to one local bucket that runs
 * in its own process (so its CPU and memory are nobody's client cost):
 *  (a) 500 small PUTs with Pic-Operations at concurrency 8: requests/s (goal ≥ 1.5× the SDK);
 *  (b) 20 × 30 MB file uploads, 4 at a time: peak RSS of each client, each measured in its own
 *      child process (goal ≤ 0.5× the SDK).
 * Two more figures say what any client could reach here: (a) a ceiling, the rate the Local
 * bucket serves to bare signed undici requests whose answers are not even parsed; (b) a
 * floor, the RSS of a process that has only imported undici (the stack's HTTP library).
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
import { recordFigures, times, workloadSize } from "./lib/report";

const BUCKET = "bench-1250000000";
const REGION = "ap-guangzhou";
const CREDENTIALS = { secretId: "AKIDbenchClient", secretKey: "benchClientSecretKey" };
const THROUGHPUT_REQUESTS = workloadSize(500, 200);
const THROUGHPUT_WARMUP = 20;
const THROUGHPUT_CONCURRENCY = 8;
const BIG_UPLOADS = workloadSize(20, 8);
const BIG_CONCURRENCY = 4;
const BIG_SIZE = 30 * 1024 * 1024;
const RULE = "imageMogr2/thumbnail/8x";

type Implementation = "picops" | "sdk";
/** The two clients, and the ceiling: signed requests with nothing else done. */
type ThroughputClient = Implementation | "bare";

interface ThroughputArgs {
  impl: ThroughputClient;
  url: string;
  image: string;
}

interface MemoryArgs {
  impl: Implementation;
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
): Promise<{ putProcessed(key: string, body: Buffer): Promise<void> }> {
  const { Agent } = await import("undici");
  const { signRequest } = await import("../electron/cos/signature");
  const agent = new Agent({ connections: THROUGHPUT_CONCURRENCY });
  const origin = new URL(url);
  return {
    async putProcessed(key, body) {
      const now = Math.round(Date.now() / 1000);
      const headers: Record<string, string> = {
        host: origin.host,
        "content-length": String(body.length),
        "pic-operations": JSON.stringify({ rules: [{ fileid: `thumbs/${path.basename(key)}`, rule: RULE }] }),
      };
      headers.authorization = signRequest({
        ...CREDENTIALS,
        method: "PUT",
        path: `/${key}`,
        headers: { host: headers.host as string, "content-length": headers["content-length"] as string },
        startTime: now - 1,
        endTime: now + 900,
      });
      const answer = await agent.request({
        origin: origin.origin,
        path: `/${BUCKET}/${key}`,
        method: "PUT",
        headers,
        body,
      });
      await answer.body.dump({ limit: Number.POSITIVE_INFINITY });
      if (answer.statusCode !== 200) throw new Error(`bare PUT answered ${answer.statusCode}`);
    },
  };
}

async function throughputRole(args: ThroughputArgs): Promise<ThroughputFigures> {
  const uploader =
    args.impl === "bare"
      ? { ...(await bareUploader(args.url)), close: async () => {} }
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
  const uploader = await uploaderFor(args.impl, args.url);
  // One small upload first, so lazily loaded parts (undici's WASM parser, the SDK's request
  // stack) count as baseline rather than as the cost of moving 30 MB files.
  await uploader.putFile(`big/${args.impl}/warm.png`, args.warmup, (await readFile(args.warmup)).length);
  const baselineRss = process.memoryUsage().rss;
  await runPool(BIG_UPLOADS, BIG_CONCURRENCY, (i) =>
    uploader.putFile(`big/${args.impl}/${i % BIG_CONCURRENCY}.bin`, args.file, BIG_SIZE),
  );
  await uploader.close();
  // maxRSS is the kernel's high-water mark for this process, in KiB.
  return { baselineRss, peakRss: process.resourceUsage().maxRSS * 1024 };
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
    };
    for (const impl of ["sdk", "picops", "bare", "sdk", "picops", "bare"] as const) {
      const figures = await child<ThroughputFigures>("throughput", { impl, url, image }).result;
      throughput[impl] = {
        requestsPerSecond: Math.max(throughput[impl].requestsPerSecond, figures.requestsPerSecond),
        cpuMsPerRequest: Math.min(throughput[impl].cpuMsPerRequest, figures.cpuMsPerRequest),
      };
    }
    const memory = {} as Record<Implementation, MemoryFigures>;
    for (const impl of ["sdk", "picops"] as const) {
      memory[impl] = await child<MemoryFigures>("memory", { impl, url, file: big, warmup: image }).result;
    }
    const floor = await child<{ rss: number }>("floor", {}).result;

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    const rows = [
      ["", "Picops client", "cos-nodejs-sdk-v5", "ratio", "goal"],
      [
        `(a) PUT + Pic-Operations, ${THROUGHPUT_REQUESTS} @ ${THROUGHPUT_CONCURRENCY}`,
        `${throughput.picops.requestsPerSecond.toFixed(0)} req/s`,
        `${throughput.sdk.requestsPerSecond.toFixed(0)} req/s`,
        `${(throughput.picops.requestsPerSecond / throughput.sdk.requestsPerSecond).toFixed(2)}×`,
        "≥ 1.5×",
      ],
      [
        "    client CPU per request",
        `${throughput.picops.cpuMsPerRequest.toFixed(2)} ms`,
        `${throughput.sdk.cpuMsPerRequest.toFixed(2)} ms`,
        `${(throughput.picops.cpuMsPerRequest / throughput.sdk.cpuMsPerRequest).toFixed(2)}×`,
        "",
      ],
      [
        "    ceiling: bare signed undici PUTs",
        `${throughput.bare.requestsPerSecond.toFixed(0)} req/s`,
        "",
        `${(throughput.bare.requestsPerSecond / throughput.sdk.requestsPerSecond).toFixed(2)}×`,
        "",
      ],
      [
        `(b) ${BIG_UPLOADS} × 30 MB @ ${BIG_CONCURRENCY}, peak RSS`,
        mb(memory.picops.peakRss),
        mb(memory.sdk.peakRss),
        `${(memory.picops.peakRss / memory.sdk.peakRss).toFixed(2)}×`,
        "≤ 0.5×",
      ],
      ["    RSS after one small upload", mb(memory.picops.baselineRss), mb(memory.sdk.baselineRss), "", ""],
      [
        "    floor: undici imported, nothing sent",
        mb(floor.rss),
        "",
        `${(floor.rss / memory.sdk.peakRss).toFixed(2)}×`,
        "",
      ],
      [
        "    growth while uploading",
        mb(memory.picops.peakRss - memory.picops.baselineRss),
        mb(memory.sdk.peakRss - memory.sdk.baselineRss),
        `${((memory.picops.peakRss - memory.picops.baselineRss) / (memory.sdk.peakRss - memory.sdk.baselineRss)).toFixed(2)}×`,
        "",
      ],
    ];
    const widths =
      rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
    for (const row of rows)
      console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  "));
    const throughputRatio = throughput.picops.requestsPerSecond / throughput.sdk.requestsPerSecond;
    const memoryRatio = memory.picops.peakRss / memory.sdk.peakRss;
    const growth = (impl: Implementation) => memory[impl].peakRss - memory[impl].baselineRss;
    recordFigures({
      workload: `(a) ${THROUGHPUT_REQUESTS} PUT of a 16×16 PNG + Pic-Operations \`${RULE}\` @ ${THROUGHPUT_CONCURRENCY}; (b) ${BIG_UPLOADS} × 30 MB @ ${BIG_CONCURRENCY}; one Local bucket in its own process`,
      figures: [
        {
          figure: "(a) PUT + Pic-Operations throughput",
          picops: `${throughput.picops.requestsPerSecond.toFixed(0)} req/s`,
          baseline: `cos-nodejs-sdk-v5: ${throughput.sdk.requestsPerSecond.toFixed(0)} req/s`,
          ratio: times(throughputRatio),
          goal: "≥ 1.5×",
          met: throughputRatio >= 1.5,
        },
        {
          figure: "(a) client CPU per request",
          picops: `${throughput.picops.cpuMsPerRequest.toFixed(2)} ms`,
          baseline: `cos-nodejs-sdk-v5: ${throughput.sdk.cpuMsPerRequest.toFixed(2)} ms`,
          ratio: times(throughput.picops.cpuMsPerRequest / throughput.sdk.cpuMsPerRequest),
          goal: "",
        },
        {
          figure: "(a) ceiling: the Local bucket's rate for bare signed undici PUTs, answers unread",
          picops: `${throughput.bare.requestsPerSecond.toFixed(0)} req/s`,
          baseline: `cos-nodejs-sdk-v5: ${throughput.sdk.requestsPerSecond.toFixed(0)} req/s`,
          ratio: times(throughput.bare.requestsPerSecond / throughput.sdk.requestsPerSecond),
          goal: "",
        },
        {
          figure: "(b) client peak RSS",
          picops: mb(memory.picops.peakRss),
          baseline: `cos-nodejs-sdk-v5: ${mb(memory.sdk.peakRss)}`,
          ratio: times(memoryRatio),
          goal: "≤ 0.5×",
          met: memoryRatio <= 0.5,
        },
        {
          figure: "(b) RSS growth while uploading",
          picops: mb(growth("picops")),
          baseline: `cos-nodejs-sdk-v5: ${mb(growth("sdk"))}`,
          ratio: times(growth("picops") / growth("sdk")),
          goal: "",
        },
        {
          figure: "(b) floor: RSS of a process that only imported undici",
          picops: mb(floor.rss),
          baseline: `cos-nodejs-sdk-v5 peak: ${mb(memory.sdk.peakRss)}`,
          ratio: times(floor.rss / memory.sdk.peakRss),
          goal: "",
        },
      ],
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
