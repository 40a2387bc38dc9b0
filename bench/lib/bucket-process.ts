/**
 * A Local bucket in its own process, as the app runs it (a utility process, with the
 * bucket's V8 flags): its CPU and memory are then nobody else's cost, and the benchmark's
 * own process stays the client.
 * This file is also the child's entry point: `tsx bench/lib/bucket-process.ts '<json options>'`.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { LOCAL_BUCKET_V8_FLAGS } from "../../electron/local-bucket/heap-flags";

export interface BucketProcessOptions {
  root: string;
  region: string;
  buckets: string[];
  credentials: { secretId: string; secretKey: string }[];
}

export interface BucketProcess {
  url: string;
  /** The child's process id, for a profiler or `ps`. */
  pid: number;
  close(): Promise<void>;
}

export async function startBucketProcess(
  options: BucketProcessOptions,
  extraNodeArgs: string[] = [],
): Promise<BucketProcess> {
  const entry = fileURLToPath(import.meta.url);
  const child = spawn(
    process.execPath,
    [...process.execArgv, ...LOCAL_BUCKET_V8_FLAGS, ...extraNodeArgs, entry, JSON.stringify(options)],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`the Local bucket exited with code ${code}`)));
  });
  return {
    url,
    pid: child.pid as number,
    async close() {
      if (child.exitCode !== null) return;
      // The child closes its bucket and exits when its stdin ends.
      child.stdin.end();
      await exited;
    },
  };
}

async function serve(options: BucketProcessOptions): Promise<void> {
  const { startLocalBucket } = await import("../../electron/local-bucket/index");
  const bucket = await startLocalBucket(options);
  process.stdout.write(`${JSON.stringify({ url: bucket.url })}\n`);
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.on("end", resolve));
  await bucket.close();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await serve(JSON.parse(process.argv[2] ?? "{}") as BucketProcessOptions);
}
