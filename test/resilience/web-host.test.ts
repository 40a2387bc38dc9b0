import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { readyLine, waitForReady } from "../../electron/ready-line";

/**
 * The web host as a user starts it — its command line, in a process of its own — must
 * refuse callers without the launch's token or from other origins, and refuse to listen
 * anywhere but loopback.
 */

let dataDir: string;
const running: ChildProcess[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "picops-resilience-web-"));
});

afterAll(async () => {
  for (const child of running) {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  }
  await rm(dataDir, { recursive: true, force: true });
});

/** `npm run start:web` without the build: tsx runs the same entry point. */
function startCli(args: string[]): { child: ChildProcess; output: () => string } {
  // tsx itself rather than `npx tsx`, so that SIGTERM reaches the host (see the local bucket CLI test).
  const child = spawn(
    path.join("node_modules", ".bin", "tsx"),
    ["electron/web-host/cli.ts", "--data-dir", dataDir, "--renderer-dir", dataDir, ...args],
    { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] },
  );
  running.push(child);
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

function call(url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: "/api/call/app.describe", method: "POST", headers },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end("{}");
  });
}

describe("the web host's command line", () => {
  for (const host of ["0.0.0.0", "::", "192.168.1.20", "localhost.example.com"]) {
    it(`refuses --host ${host} with a clear message`, async () => {
      const { child, output } = startCli(["--host", host, "--port", "0"]);
      const [code] = await once(child, "exit");
      expect(code).toBe(1);
      expect(output()).toContain(
        `Picops web host could not start: The web host only listens on loopback; refusing to bind ${host}.`,
      );
      expect(output()).not.toContain("Picops is running");
    });
  }

  it("on loopback, answers only its own page holding the launch's token", async () => {
    const { child, output } = startCli(["--port", "0"]);
    const { url: printed } = await waitForReady(child.stdout as NodeJS.ReadableStream, "web-host");
    // The sentence for people stays as it was, with the same address.
    expect(output()).toContain(`Picops is running. Open ${printed}\n`);
    const url = new URL(printed);
    expect(url.hostname).toBe("127.0.0.1");
    const token = url.hash.replace("#token=", "");
    const page = { "content-type": "application/json", origin: url.origin, "x-picops-token": token };

    expect(await call(url, page)).toBe(200);
    const { "x-picops-token": _token, ...withoutToken } = page;
    expect(await call(url, withoutToken)).toBe(401);
    expect(await call(url, { ...page, "x-picops-token": `${token.slice(1)}x` })).toBe(401);
    expect(await call(url, { ...page, origin: "http://localhost.evil.example" })).toBe(403);
    expect(await call(url, { ...withoutToken, origin: "https://attacker.example" })).toBe(403);

    const events = `ws://127.0.0.1:${url.port}/api/events`;
    for (const [query, origin] of [
      ["", url.origin],
      [`?token=${token}`, "http://evil.example"],
    ] as const) {
      const refused = new WebSocket(`${events}${query}`, { origin });
      const [error] = await once(refused, "error");
      expect(String(error)).toMatch(/403|Unexpected server response/);
    }
    const socket = new WebSocket(`${events}?token=${token}`, { origin: url.origin });
    await once(socket, "open");
    socket.close();

    // Nothing secret reached the terminal but the address it was meant to print, for people
    // and in the ready line for programs.
    const withToken = output()
      .split("\n")
      .filter((line) => line.includes(token));
    expect(withToken).toEqual([
      `Picops is running. Open ${printed}`,
      readyLine({ server: "web-host", url: printed }).trimEnd(),
    ]);
    expect(await call(url, page)).toBe(200);
  });
});
