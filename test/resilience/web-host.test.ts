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
      {
        host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: url.port,
        path: "/api/call/app.describe",
        method: "POST",
        headers,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end("{}");
  });
}

/** Waits for the address the host prints. */
function printedUrl(child: ChildProcess, output: () => string): Promise<URL> {
  return new Promise<URL>((resolve, reject) => {
    child.stdout?.on("data", () => {
      const match = /Open (http:\/\/\S+)/.exec(output());
      if (match?.[1]) resolve(new URL(match[1]));
    });
    child.once("exit", () => reject(new Error(`the web host stopped: ${output()}`)));
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

  it("survives any frame on its event socket: a bad one closes that socket only", async () => {
    const { child, output } = startCli(["--port", "0"]);
    const url = await printedUrl(child, output);
    const token = url.hash.replace("#token=", "");
    const events = `ws://127.0.0.1:${url.port}/api/events?token=${token}`;
    const page = { "content-type": "application/json", origin: url.origin, "x-picops-token": token };
    const watcher = new WebSocket(events, { origin: url.origin });
    await once(watcher, "open");

    const frames: [string, Buffer, boolean, number][] = [
      ["over 64 KB", Buffer.alloc(70 * 1024, 0x61), true, 1009],
      ["invalid UTF-8 in a text frame", Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]), false, 1007],
    ];
    for (const [, bytes, binary, closeCode] of frames) {
      const socket = new WebSocket(events, { origin: url.origin });
      await once(socket, "open");
      const closed = once(socket, "close");
      socket.send(bytes, { binary });
      const [code] = await closed;
      expect(code).toBe(closeCode);
    }

    // The host still serves calls, and the socket that sent nothing wrong is still open.
    expect(child.exitCode).toBeNull();
    expect(watcher.readyState).toBe(WebSocket.OPEN);
    expect(await call(url, page)).toBe(200);
    watcher.close();
  });

  const loopbacks: [string, string][] = [
    ["::1", "[::1]"],
    ["127.0.0.2", "127.0.0.2"],
  ];
  for (const [host, printedHost] of loopbacks) {
    it(`with --host ${host}, prints the address it listens on, and answers there`, async () => {
      const { child, output } = startCli(["--host", host, "--port", "0"]);
      const url = await printedUrl(child, output);
      expect(url.hostname).toBe(printedHost);
      const token = url.hash.replace("#token=", "");
      expect(
        await call(url, { "content-type": "application/json", origin: url.origin, "x-picops-token": token }),
      ).toBe(200);
      const socket = new WebSocket(`ws://${url.host}/api/events?token=${token}`, { origin: url.origin });
      await once(socket, "open");
      socket.close();
    });
  }
});
