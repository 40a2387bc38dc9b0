/**
 * How a benchmark hands its figures to `npm run bench` (scripts/bench.ts), which keeps them in
 * bench/results.json and writes bench/REPORT.md. Run on its own, a benchmark only prints; under
 * `npm run bench` it also appends one record to the file named by PICOPS_BENCH_RECORD.
 */
import { appendFileSync } from "node:fs";

export interface BenchFigure {
  /** What was measured ("PUT + Pic-Operations, requests/s"). */
  figure: string;
  picops: string;
  /** The same figure for the baseline measured in the same run, naming the baseline. */
  baseline: string;
  /** How Picops compares with the baseline, in the terms the goal uses; empty without a baseline. */
  ratio: string;
  goal: string;
  /** Absent where the figure has no goal. */
  met?: boolean;
}

export interface BenchRecord {
  /** The workload every figure was measured on ("200 × 12 MP JPEG → 1600 px WebP"). */
  workload: string;
  figures: BenchFigure[];
}

/** `npm run bench -- --quick`: smaller workloads, for a quick look rather than for the goals. */
export const QUICK_RUN = process.env.PICOPS_BENCH_QUICK === "1";

export function workloadSize(full: number, quick: number): number {
  return QUICK_RUN ? quick : full;
}

export function recordFigures(record: BenchRecord): void {
  const file = process.env.PICOPS_BENCH_RECORD;
  if (file) appendFileSync(file, `${JSON.stringify(record)}\n`);
}

/** `1.23×` */
export function times(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}
