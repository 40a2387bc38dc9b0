import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test as base } from "@playwright/test";
import { waitForReady } from "../../electron/ready-line";

export interface RunningWebHost {
  url: string;
  origin: string;
  dataDir: string;
  /** Everything the host printed, for asserting what never appears in logs. */
  output(): string;
}

export interface WebHostOptions {
  /**
   * Start as a first run: no `first-run.json`, so the welcome tour opens and starter presets
   * are saved. Off by default, so every other spec starts on the app itself.
   */
  firstRun?: boolean;
  /** Image paths named on the command line, as "Open with…" names them to the app. */
  openFiles?: string[];
  /** More environment for the host (and the Local bucket it starts), e.g. a fault token. */
  env?: Record<string, string>;
}

/** Marks a data folder as one Picops has welcomed before, unless it already says otherwise. */
async function markWelcomed(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(path.join(dataDir, "first-run.json"), JSON.stringify({ version: 1, tourSeen: true }), {
      flag: "wx",
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

/** Starts the built web host on a free port with its own data folder, per test. */
export async function startWebHost(
  dataDir: string,
  options: WebHostOptions = {},
): Promise<RunningWebHost & { process: ChildProcess }> {
  if (!options.firstRun) await markWelcomed(dataDir);
  const args = ["dist/node/web-host.mjs", "--port", "0", "--data-dir", dataDir, ...(options.openFiles ?? [])];
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...options.env },
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stderr.on("data", collect);
  child.stdout.on("data", collect);
  const { url } = await waitForReady(child.stdout, "web-host").catch((error: Error) => {
    throw new Error(`${error.message}\n${output}`);
  });
  return { url, origin: new URL(url).origin, dataDir, output: () => output, process: child };
}

export const test = base.extend<{ webHost: RunningWebHost; firstRun: boolean }>({
  /** `test.use({ firstRun: true })` starts on a data folder the app has never seen. */
  firstRun: [false, { option: true }],
  webHost: async ({ firstRun }, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "picops-e2e-"));
    const host = await startWebHost(dataDir, { firstRun });
    await use(host);
    host.process.kill("SIGTERM");
    await new Promise((resolve) => host.process.once("exit", resolve));
    await rm(dataDir, { recursive: true, force: true });
  },
});

export { expect } from "@playwright/test";
