import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import type { LocalBucket } from "../../../electron/local-bucket/index";
import { readyFromLine } from "../../../electron/ready-line";
import { BUCKET, cosRequest, REGION, SECRET_ID, SECRET_KEY, xmlField } from "./harness";

let child: ChildProcess | undefined;
let parent: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGTERM");
  if (parent) await rm(parent, { recursive: true, force: true });
});

/** Starts the CLI and resolves with the URL it prints once ready. */
async function startCli(extra: string[] = []): Promise<{ url: string; port: number; output: string[] }> {
  parent = await mkdtemp(join(tmpdir(), "picops-local-bucket-cli-"));
  // tsx itself rather than `npx tsx`: npm exec does not pass SIGTERM on to its child, so
  // the signal would stop npm and orphan the server instead of testing its shutdown.
  child = spawn(
    join("node_modules", ".bin", "tsx"),
    [
      "electron/local-bucket/cli.ts",
      ...["--root", join(parent, "root"), "--port", "0", "--bucket", BUCKET, "--bucket", "second-1250000000"],
      ...["--secret-id", SECRET_ID, "--secret-key", SECRET_KEY, "--region", REGION, ...extra],
    ],
    { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] },
  );
  const output: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    output.push(line);
    const ready = readyFromLine(line);
    if (ready) {
      expect(ready.server).toBe("local-bucket");
      // The address for people, on a line of its own, comes first and stays as it was.
      expect(output.at(-2)).toBe(ready.url);
      expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      return { url: ready.url, port: Number(new URL(ready.url).port), output };
    }
  }
  throw new Error(`the CLI exited without saying it was ready: ${output.join("\n")}`);
}

const asBucket = (port: number) => ({ port }) as LocalBucket;

describe("local-bucket CLI", () => {
  it("prints its URL, answers a signed request and exits 0 on SIGTERM", async () => {
    const { port, output } = await startCli();
    const put = await cosRequest(asBucket(port), { method: "PUT", key: "cli.txt", body: "from the cli" });
    expect(put.status).toBe(200);
    expect((await cosRequest(asBucket(port), { key: "cli.txt" })).text).toBe("from the cli");
    const exited = once(child as ChildProcess, "exit");
    (child as ChildProcess).kill("SIGTERM");
    const [code] = await exited;
    expect(code).toBe(0);
    expect(output.join("\n")).not.toContain(SECRET_KEY);
  });

  it("accepts faults on POST /-/faults with the token, and refuses a wrong token", async () => {
    const { url, port } = await startCli(["--fault-token", "let-me-break-it"]);
    const control = (token: string, body: unknown) =>
      fetch(`${url}/-/faults`, {
        method: "POST",
        headers: { "x-picops-fault-token": token, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await control("wrong", { failNext: { count: 1, status: 503 } })).status).toBe(403);
    expect((await control("let-me-break-it", { failNext: { count: 1, status: 503 } })).status).toBe(204);
    const failed = await cosRequest(asBucket(port), { key: "any.txt" });
    expect(failed.status).toBe(503);
    expect(xmlField(failed.text, "Code")).toBe("ServiceUnavailable");
    expect((await cosRequest(asBucket(port), { key: "any.txt" })).status).toBe(404);
    expect((await control("let-me-break-it", { clear: true })).status).toBe(204);
    const exited = once(child as ChildProcess, "exit");
    (child as ChildProcess).kill("SIGINT");
    expect((await exited)[0]).toBe(0);
  });
});
