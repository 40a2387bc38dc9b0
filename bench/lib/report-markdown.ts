/**
 * bench/REPORT.md, written from bench/results.json: one table of every figure against its
 * baseline and goal, then where and when each benchmark ran.
 */
import type { BenchRecord } from "./report";

/** One benchmark's latest run under `npm run bench`. */
export interface BenchResult {
  /** The file's name under bench/, without `.ts`. */
  bench: string;
  /** ISO 8601. */
  ranAt: string;
  quick: boolean;
  machine: string;
  /** One-minute load average when the benchmark started: other work skews absolute times. */
  loadAverage: number;
  outcome: BenchRecord | { failed: string };
}

const HEADER = `# Benchmark report

Written by \`npm run bench\` (\`scripts/bench.ts\`) from \`bench/results.json\`; do not edit by hand.
Every figure is measured against a baseline doing the same work in the same run on the same
machine, so read the ratios: absolute times depend on the machine and on what else it was doing.
\`npm run bench -- engine client\` reruns some benchmarks and keeps the others' last results;
\`--quick\` uses smaller workloads, for a look rather than for the goals.
`;

/** Table cells cannot hold a raw `|` or a line break. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function row(cells: string[]): string {
  return `| ${cells.map(cell).join(" | ")} |`;
}

function metText(met: boolean | undefined): string {
  if (met === undefined) return "";
  return met ? "yes" : "**no**";
}

export function renderReport(results: BenchResult[]): string {
  const sorted = [...results].sort((a, b) => a.bench.localeCompare(b.bench));
  const figures = [
    row(["Benchmark", "Figure", "Picops", "Baseline", "Ratio", "Goal", "Met"]),
    row(["---", "---", "---", "---", "---", "---", "---"]),
  ];
  for (const result of sorted) {
    const name = `\`bench/${result.bench}\``;
    if ("failed" in result.outcome) {
      figures.push(row([name, `failed: ${result.outcome.failed}`, "", "", "", "", "**no**"]));
      continue;
    }
    for (const figure of result.outcome.figures) {
      figures.push(
        row([
          name,
          figure.figure,
          figure.picops,
          figure.baseline,
          figure.ratio,
          figure.goal,
          metText(figure.met),
        ]),
      );
    }
  }
  const runs = [
    row(["Benchmark", "Ran at (UTC)", "Workload", "Machine", "Load average at start"]),
    row(["---", "---", "---", "---", "---"]),
    ...sorted.map((result) =>
      row([
        `\`bench/${result.bench}\``,
        result.ranAt.replace("T", " ").replace(/\.\d+Z$/, ""),
        `${"failed" in result.outcome ? "" : result.outcome.workload}${result.quick ? " (quick run)" : ""}`,
        result.machine,
        result.loadAverage.toFixed(1),
      ]),
    ),
  ];
  return `${HEADER}\n${figures.join("\n")}\n\n## Runs\n\n${runs.join("\n")}\n`;
}
