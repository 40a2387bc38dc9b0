import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test as base } from "@playwright/test";

export interface RunningWebHost {
  url: string;
  origin: string;
  dataDir: string;
  /** Everything the host printed, for asserting what never appears in logs. */
  output(): string;
}

/** Starts the built web host on a free port with its own data folder, per test. */
export async function startWebHost(dataDir: string): Promise<RunningWebHost & { process: ChildProcess }> {
  const child = spawn(process.execPath, ["dist/node/web-host.mjs", "--port", "0", "--data-dir", dataDir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = /Open (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`web host exited with ${code}: ${output}`)));
  });
  return { url, origin: new URL(url).origin, dataDir, output: () => output, process: child };
}

export const test = base.extend<{ webHost: RunningWebHost }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring
  webHost: async ({}, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "picops-e2e-"));
    const host = await startWebHost(dataDir);
    await use(host);
    host.process.kill("SIGTERM");
    await new Promise((resolve) => host.process.once("exit", resolve));
    await rm(dataDir, { recursive: true, force: true });
  },
});

export { expect } from "@playwright/test";
