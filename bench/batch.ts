/**
 * A whole batch through the app: the web host (the main process's services in plain Node;
 * the Local bucket in its own process, as the app runs it) takes 1,000 files — twenty of them about 30 MB — and
 * uploads them with two rules. Baseline, in the same run: the local engine alone doing
 * the same processing (same rules, same concurrency) with no queue, HTTP or storage.
 * Run: npx tsx bench/batch.ts [--small 980] [--large 20]
 * Goals: main-process peak RSS < 300 MB; wall time ≤ 1.25 × the engine alone.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { describeImage, processImage } from "../electron/engine";
import type { ChannelInput, ChannelName, ChannelOutput } from "../shared/ipc/contract";
import { parseRule } from "../shared/rules";
import { recordFigures, times, workloadSize } from "./lib/report";

const { values } = parseArgs({
  options: {
    small: { type: "string", default: String(workloadSize(980, 190)) },
    large: { type: "string", default: String(workloadSize(20, 10)) },
  },
});
const SMALL = Number(values.small);
const LARGE = Number(values.large);
const CONCURRENCY = 3;
const RULES = [
  { rule: "imageMogr2/thumbnail/800x/format/webp/quality/80", fileid: "{name}_w800.webp" },
  { rule: "imageMogr2/thumbnail/!25p/format/jpg/quality/75", fileid: "/thumbs/{dir}/{name}.jpg" },
];

async function makeFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  // Small files: one photo-like JPEG written under many names (generating 980 would dominate the run).
  const small = await sharp({
    create: {
      width: 1600,
      height: 1200,
      channels: 3,
      background: "#6080a0",
      noise: { type: "gaussian", mean: 120, sigma: 30 },
    },
  })
    .blur(1)
    .jpeg({ quality: 88 })
    .toBuffer();
  await mkdir(join(folder, "small"), { recursive: true });
  for (let i = 0; i < SMALL; i++) {
    const file = join(folder, "small", `s${String(i).padStart(4, "0")}.jpg`);
    await writeFile(file, small);
    files.push(file);
  }
  // Large files: noisy PNGs just under the 32 MB limit.
  await mkdir(join(folder, "large"), { recursive: true });
  const large = await sharp({
    create: {
      width: 3200,
      height: 3200,
      channels: 3,
      background: "#404040",
      noise: { type: "gaussian", mean: 128, sigma: 60 },
    },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
  for (let i = 0; i < LARGE; i++) {
    const file = join(folder, "large", `l${String(i).padStart(2, "0")}.png`);
    await writeFile(file, large);
    files.push(file);
  }
  console.log(
    `inputs: ${SMALL} × ${(small.length / 1024).toFixed(0)} KB JPEG, ${LARGE} × ${(large.length / 1048576).toFixed(1)} MB PNG`,
  );
  return files;
}

/**
 * The engine alone: every file read, described (is_pic_info asks COS for the original's
 * ImageInfo) and processed by both rules, CONCURRENCY at a time.
 */
async function engineAlone(files: string[]): Promise<number> {
  const pipelines = RULES.map((r) => parseRule(r.rule).pipeline);
  const queue = [...files];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        const input = await readFile(file);
        await describeImage(input);
        for (const pipeline of pipelines) await processImage(input, pipeline);
      }
    }),
  );
  return performance.now() - started;
}

type HostCall = <C extends ChannelName>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

/** `opened`: paths named on the command line, as "Open with…" names them (files.add takes only given files). */
async function startHost(
  dataDir: string,
  opened: string[],
): Promise<{ child: ChildProcess; call: HostCall }> {
  const child = spawn(process.execPath, ["dist/node/web-host.mjs", "--data-dir", dataDir, ...opened], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<URL>((resolve) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const match = /Open (\S+)/.exec(String(chunk));
      if (match?.[1]) resolve(new URL(match[1]));
    });
  });
  const token = url.hash.replace("#token=", "");
  const call: HostCall = async (channel, input) => {
    const response = await fetch(new URL(`/api/call/${channel}`, url), {
      method: "POST",
      headers: { "content-type": "application/json", origin: url.origin, "x-picops-token": token },
      body: JSON.stringify(input),
    });
    const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
    return result.value as ChannelOutput<typeof channel>;
  };
  return { child, call };
}

/** Peak resident set of a process so far (Linux VmHWM), in MB. */
async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function throughTheApp(
  folder: string,
  dataDir: string,
): Promise<{ ms: number; peakMb: number; done: number }> {
  const started = performance.now();
  const { child, call } = await startHost(dataDir, [folder]);
  try {
    const { files } = await call("files.list", {});
    console.log(
      `  start with the folder opened, intake included: ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const refused = files.filter((f: { problem?: unknown }) => f.problem);
    if (refused.length > 0)
      throw new Error(`intake refused ${refused.length} files: ${JSON.stringify(refused[0])}`);
    const batch = await call("uploads.start", {
      options: {
        bucket: "picops-1250000000",
        prefix: "",
        naming: "keep",
        put: {},
        isPicInfo: true,
        rules: RULES,
        concurrency: CONCURRENCY,
      },
    });
    for (;;) {
      const detail = await call("batches.detail", { batchId: batch.id });
      if (detail.state === "finished") {
        const ms = performance.now() - started;
        return { ms, peakMb: await peakRssMb(child.pid ?? 0), done: detail.totals.done };
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    child.kill("SIGTERM");
  }
}

const work = await mkdtemp(join(tmpdir(), "picops-bench-batch-"));
try {
  const inputs = join(work, "inputs");
  const files = await makeFiles(inputs);
  const engineMs = await engineAlone(files);
  const app = await throughTheApp(inputs, join(work, "data"));
  const ratio = app.ms / engineMs;
  console.log(
    `files: ${files.length} (${app.done} done), rules: ${RULES.length}, concurrency: ${CONCURRENCY}`,
  );
  console.log(`engine alone: ${(engineMs / 1000).toFixed(1)} s`);
  console.log(
    `through the app: ${(app.ms / 1000).toFixed(1)} s, ${(files.length / (app.ms / 1000)).toFixed(1)} files/s`,
  );
  console.log(`ratio app/engine: ${ratio.toFixed(3)} (goal ≤ 1.25)`);
  console.log(`main process peak RSS: ${app.peakMb.toFixed(0)} MB (goal < 300 MB)`);
  recordFigures({
    workload: `${SMALL} JPEG (1600×1200) + ${LARGE} PNG (≈31 MB), ${RULES.length} rules, concurrency ${CONCURRENCY}`,
    figures: [
      {
        figure: "batch wall time",
        picops: `${(app.ms / 1000).toFixed(1)} s (${(files.length / (app.ms / 1000)).toFixed(1)} files/s)`,
        baseline: `local engine alone, same processing: ${(engineMs / 1000).toFixed(1)} s`,
        ratio: times(ratio),
        goal: "≤ 1.25×",
        met: ratio <= 1.25,
      },
      {
        figure: "main process peak RSS",
        picops: `${app.peakMb.toFixed(0)} MB`,
        baseline: "",
        ratio: "",
        goal: "< 300 MB",
        met: app.peakMb < 300,
      },
    ],
  });
} finally {
  await rm(work, { recursive: true, force: true });
}
