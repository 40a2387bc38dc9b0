import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { waitForReady } from "../../electron/ready-line";
import { LOCAL_BUCKET_NAME } from "../../shared/connections";
import type { ChannelInput, ChannelName, ChannelOutput } from "../../shared/ipc/contract";
import type { BatchProgress } from "../../shared/uploads/batch";
import { jpegDeclaring, noiseImage, pngDeclaring } from "../fixtures/images";

/**
 * Issue 13: the web host runs the services and the preview engine in one process (the
 * Local bucket in a child of its own). Hostile previews and hostile uploads sent at once
 * through its HTTP API must each get their own answer, and the peak resident memory
 * (VmHWM, read from /proc) of the host and of its Local bucket must stay under 1.5 GB.
 * A memory bound, not a timing.
 */

const MEMORY_BOUND_BYTES = 1.5 * 1024 * 1024 * 1024;

let dataDir: string;
let host: ChildProcess;
let url: URL;
let token: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "picops-resilience-memory-"));
  // The built host, as `npm run start:web` runs it: its Local bucket is the built CLI in a
  // child. Bundled from the current source first, so a stale build is never what is measured.
  await promisify(execFile)(process.execPath, ["scripts/build-node.mjs"]);
  host = spawn(
    process.execPath,
    ["dist/node/web-host.mjs", "--port", "0", "--data-dir", dataDir, "--renderer-dir", dataDir],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  url = new URL((await waitForReady(host.stdout as NodeJS.ReadableStream, "web-host")).url);
  token = url.hash.replace("#token=", "");
});

afterAll(async () => {
  if (host?.exitCode === null) {
    host.kill("SIGTERM");
    await once(host, "exit");
  }
  await rm(dataDir, { recursive: true, force: true });
});

function post(pathname: string, body: string | Buffer, headers: Record<string, string>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: pathname,
        method: "POST",
        headers: { ...headers, origin: url.origin, "x-picops-token": token },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** A call through the API, answered as it came: a value or an error. */
async function call<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  return (await post(`/api/call/${channel}`, JSON.stringify(input), {
    "content-type": "application/json",
  })) as { ok: boolean; value?: unknown; error?: unknown };
}

/** A call through the API; answers its value, failing the test on an error. */
async function value<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const answer = await call(channel, input);
  if (!answer.ok) throw new Error(`${channel} failed: ${JSON.stringify(answer.error)}`);
  return answer.value as ChannelOutput<C>;
}

/** Sends a file as the page does when one is dropped; answers the staged copy's path. */
async function stage(name: string, bytes: Buffer): Promise<string> {
  const answer = (await post("/api/files", bytes, {
    "content-type": "application/octet-stream",
    "x-picops-file-name": encodeURIComponent(name),
  })) as { value: { path: string } };
  return answer.value.path;
}

async function peakResidentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kilobytes = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  if (!kilobytes) throw new Error("no VmHWM in /proc status");
  return Number(kilobytes) * 1024;
}

/** The host's own processes: itself and its children (the Local bucket). */
async function hostProcesses(pid: number): Promise<number[]> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, "utf8");
  return [pid, ...children.split(" ").filter(Boolean).map(Number)];
}

/** Resolves with the batch's last progress once it is finished, from the event socket. */
async function finishedBatch(): Promise<{ finished: Promise<BatchProgress>; close(): void }> {
  const socket = new WebSocket(`ws://${url.host}/api/events?token=${token}`, { origin: url.origin });
  await once(socket, "open");
  const finished = new Promise<BatchProgress>((resolve) => {
    socket.on("message", (data) => {
      const { event, payload } = JSON.parse(String(data)) as { event: string; payload: BatchProgress };
      if (event === "batches.progress" && payload.batch.state === "finished") resolve(payload);
    });
  });
  return { finished, close: () => socket.close() };
}

describe("the web host's memory under hostile previews and uploads at once", () => {
  it("answers each with its own code and stays under 1.5 GB", async () => {
    // 1.6 M pixels in a few kilobytes, a ~30 MB photo-like PNG, a JPEG and a PNG of a few
    // hundred bytes declaring 15000×15000.
    const small = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    const noise = await noiseImage(3200, 3200).png({ compressionLevel: 0 }).toBuffer();
    expect(noise.length).toBeGreaterThan(28 * 1024 * 1024);
    expect(noise.length).toBeLessThan(32 * 1024 * 1024);
    const bomb = await jpegDeclaring(15_000, 15_000);

    const paths = [
      await stage("small.png", small),
      await stage("noise.png", noise),
      await stage("bomb.jpg", bomb),
      await stage("bomb.png", await pngDeclaring(15_000, 15_000)),
    ];
    const { files } = await value("files.add", { sources: paths.map((staged) => ({ path: staged })) });
    const sample = files.find((file) => file.relativePath === "small.png");
    if (!sample) throw new Error("the sample was not added");

    const preview = (view: string, rule: string) =>
      value("preview.render", {
        view,
        seq: 1,
        sample: { kind: "file", fileId: sample.id, name: sample.relativePath },
        rule,
        producer: "local",
        resolution: "full",
      });
    const tenTurns = Array.from({ length: 10 }, () => "imageMogr2/rotate/45").join("|");
    const enlargeAndTurn = "imageMogr2/thumbnail/!1000p|imageMogr2/rotate/45";

    const upload = (rules: { rule: string; fileid: string }[]) =>
      call("uploads.start", {
        options: {
          bucket: LOCAL_BUCKET_NAME,
          prefix: "",
          naming: "keep",
          put: {},
          isPicInfo: false,
          rules,
          concurrency: 4,
        },
      });
    const turn = { rule: "imageMogr2/rotate/90", fileid: "{name}_turned.{ext}" };

    // The plan's checks refuse both before a byte is sent: the enlargement from the headers'
    // geometry, the bombs when their stand-ins run out of data.
    const refusedEnlargement = await upload([turn, { rule: enlargeAndTurn, fileid: "{name}_out.{ext}" }]);
    const refusedBombs = await upload([turn]);
    const bombs = files.filter((file) => file.relativePath.startsWith("bomb."));
    await value("files.remove", { ids: bombs.map((file) => file.id) });

    const batch = await finishedBatch();
    const [enlarged, turned, large, started] = await Promise.all([
      preview("enlarge", enlargeAndTurn),
      preview("turns", tenTurns),
      // Valid and large: 160 M pixels out of a few kilobytes.
      preview("large", "imageMogr2/thumbnail/!1000p"),
      // The ~30 MB PNG turned while the previews run.
      upload([turn]),
    ]);
    const progress = await batch.finished;
    batch.close();

    expect(enlarged.after).toMatchObject({ kind: "problem", error: { code: "ImageResolutionExceed" } });
    expect(turned.after).toMatchObject({ kind: "problem", error: { code: "ImageResolutionExceed" } });
    expect(large.after).toMatchObject({ kind: "image", width: 16_000, height: 10_000 });
    expect(refusedEnlargement).toMatchObject({ ok: false, error: { code: "invalid-plan" } });
    expect(refusedBombs).toMatchObject({
      ok: false,
      error: { code: "invalid-plan", messageId: "rule-fails-on-large", values: { sample: "bomb.jpg" } },
    });
    const batchId = (started.value as { id: string }).id;
    expect(progress.batch.id).toBe(batchId);
    const { items } = await value("batches.detail", { batchId });
    expect(Object.fromEntries(items.map((item) => [item.name, [item.state, item.error?.code]]))).toEqual({
      "small.png": ["done", undefined],
      "noise.png": ["done", undefined],
    });

    // Still answering.
    expect(await value("app.describe", {})).toBeDefined();
    const peaks = await Promise.all((await hostProcesses(host.pid as number)).map(peakResidentBytes));
    console.log(
      `peak RSS (VmHWM) of the web host and its Local bucket: ${peaks.map((bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`).join(", ")}`,
    );
    expect(peaks).toHaveLength(2);
    for (const peak of peaks) expect(peak).toBeLessThan(MEMORY_BOUND_BYTES);
  }, 300_000);
});
