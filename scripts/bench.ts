// `npm run bench [-- NAME… ] [-- --quick]`: builds once, runs every benchmark under bench/ (or the
// named ones) one after another, each printing its own figures, then records their figures in
// bench/results.json and rewrites bench/REPORT.md from it. Benchmarks not run keep their last result.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import type { BenchRecord } from "../bench/lib/report";
import { type BenchResult, renderReport } from "../bench/lib/report-markdown";

const RESULTS = "bench/results.json";
const REPORT = "bench/REPORT.md";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const unknownFlags = args.filter((arg) => arg.startsWith("-") && arg !== "--quick");
if (unknownFlags.length > 0) {
  console.error(
    `Unknown option ${unknownFlags.join(", ")}: npm run bench takes benchmark names and --quick; ` +
      "run one benchmark with its own options as npx tsx bench/NAME.ts.",
  );
  process.exit(2);
}
const available = readdirSync("bench")
  .filter((name) => name.endsWith(".ts"))
  .map((name) => name.replace(/\.ts$/, ""));
const named = args.filter((arg) => !arg.startsWith("-"));
const missing = named.filter((name) => !available.includes(name));
if (missing.length > 0) {
  console.error(`No benchmark named ${missing.join(", ")}; there are: ${available.join(", ")}.`);
  process.exit(2);
}
const benches = named.length > 0 ? named : available;

const build = spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const machine = `${cpus()[0]?.model.trim() ?? "unknown CPU"} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const scratch = mkdtempSync(path.join(tmpdir(), "picops-bench-"));
const results = new Map<string, BenchResult>(
  existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, "utf8")) as BenchResult[]).map((result) => [result.bench, result])
    : [],
);
try {
  for (const bench of benches) {
    console.log(`\n=== bench/${bench}.ts${quick ? " (quick)" : ""} ===`);
    const recordFile = path.join(scratch, `${bench}.jsonl`);
    const ranAt = new Date().toISOString();
    const loadAverage = loadavg()[0] ?? 0;
    const run = spawnSync("node_modules/.bin/tsx", [`bench/${bench}.ts`], {
      stdio: "inherit",
      env: { ...process.env, PICOPS_BENCH_RECORD: recordFile, PICOPS_BENCH_QUICK: quick ? "1" : "0" },
    });
    const records = existsSync(recordFile)
      ? readFileSync(recordFile, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line) as BenchRecord)
      : [];
    const outcome: BenchResult["outcome"] =
      run.status !== 0
        ? { failed: `exited with ${run.status ?? run.signal}` }
        : (records.at(-1) ?? { failed: "finished without recording any figure" });
    results.set(bench, { bench, ranAt, quick, machine, loadAverage, outcome });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const all = [...results.values()].sort((a, b) => a.bench.localeCompare(b.bench));
writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`);
writeFileSync(REPORT, renderReport(all));
console.log(`\nWrote ${REPORT}.`);
const failed = benches.filter((bench) => "failed" in (results.get(bench)?.outcome ?? {}));
process.exit(failed.length === 0 ? 0 : 1);
