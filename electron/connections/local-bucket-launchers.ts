import { fork } from "node:child_process";
import { startLocalBucket } from "../local-bucket";
import { LOCAL_BUCKET_V8_FLAGS } from "../local-bucket/heap-flags";
import { waitForReady } from "../ready-line";
import type { CosCredentials } from "./vault";

export interface LocalBucketSpec {
  root: string;
  region: string;
  buckets: string[];
  credentials: Pick<CosCredentials, "secretId" | "secretKey">;
}

export interface RunningLocalBucket {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  close(): Promise<void>;
}

/** Starts the Local bucket somewhere: in this process, or in a process of its own. */
export type LocalBucketLauncher = (spec: LocalBucketSpec) => Promise<RunningLocalBucket>;

/** In this process: for tests and tools, where one process is simplest. */
export const inProcessLauncher: LocalBucketLauncher = async (spec) => {
  const bucket = await startLocalBucket({ ...spec, credentials: [spec.credentials] });
  return { url: bucket.url, close: () => bucket.close() };
};

/** The CLI's arguments and environment for a spec; the secret key travels in the environment, out of `ps`. */
export function cliInvocation(spec: LocalBucketSpec): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    args: [
      "--root",
      spec.root,
      "--region",
      spec.region,
      "--secret-id",
      spec.credentials.secretId,
      ...spec.buckets.flatMap((bucket) => ["--bucket", bucket]),
    ],
    env: { ...process.env, PICOPS_LOCAL_SECRET_KEY: spec.credentials.secretKey },
  };
}

/**
 * In a child Node process running the built CLI (`dist/node/local-bucket.mjs`): image work
 * for the Local bucket then never competes with the app's own event loop or memory, as
 * with a real COS. The child exits when its IPC channel to the app closes.
 */
export function childProcessLauncher(modulePath: string): LocalBucketLauncher {
  return async (spec) => {
    const { args, env } = cliInvocation(spec);
    const child = fork(modulePath, args, {
      env,
      // fork's default is this process's own flags: kept, and the bucket's added.
      execArgv: [...process.execArgv, ...LOCAL_BUCKET_V8_FLAGS],
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    });
    return attachToServer(child, () => child.kill("SIGTERM"));
  };
}

/** What both kinds of child process offer: the server's output, and an end. */
export interface ServerProcess {
  stdout: NodeJS.ReadableStream | null;
  once(event: "exit", listener: () => void): unknown;
}

/** Waits for a started CLI to say it is ready; fails if it stops first. */
export async function attachToServer(child: ServerProcess, kill: () => void): Promise<RunningLocalBucket> {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await Promise.race([
    waitForReady(child.stdout as NodeJS.ReadableStream, "local-bucket").then((ready) => ready.url),
    exited.then(() => {
      throw new Error("The Local bucket stopped while starting; see the log above.");
    }),
  ]);
  return {
    url,
    async close() {
      kill();
      await exited;
    },
  };
}
