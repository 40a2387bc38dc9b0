import { describe, expect, it } from "vitest";
import { type BenchResult, renderReport } from "../../../bench/lib/report-markdown";

const machine = "Test CPU × 2, 24 GiB, Node v20";

function result(bench: string, outcome: BenchResult["outcome"], quick = false): BenchResult {
  return { bench, ranAt: "2026-11-25T04:30:12.345Z", quick, machine, loadAverage: 1.25, outcome };
}

/** The rows of the first table, as arrays of cells. */
function figureRows(report: string): string[][] {
  const table = report.split("\n## Runs")[0] ?? "";
  return table
    .split("\n")
    .filter((line) => line.startsWith("| "))
    .slice(2)
    .map((line) =>
      line
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((cell) => cell.trim()),
    );
}

describe("the benchmark report", () => {
  it("has one row per figure with its baseline, ratio, goal and whether it was met, benchmarks in name order", () => {
    const report = renderReport([
      result("engine", {
        workload: "20 × 12 MP JPEG",
        figures: [
          {
            figure: "time per image",
            picops: "850.9 ms",
            baseline: "sharp called directly: 946.0 ms",
            ratio: "0.90×",
            goal: "≤ 1.05×",
            met: true,
          },
        ],
      }),
      result("batch", {
        workload: "1000 files",
        figures: [
          {
            figure: "wall time",
            picops: "185 s",
            baseline: "engine: 154 s",
            ratio: "1.20×",
            goal: "≤ 1.25×",
            met: true,
          },
          { figure: "peak RSS", picops: "320 MB", baseline: "", ratio: "", goal: "< 300 MB", met: false },
          { figure: "files/s", picops: "5.4", baseline: "", ratio: "", goal: "" },
        ],
      }),
    ]);
    expect(figureRows(report)).toEqual([
      ["`bench/batch`", "wall time", "185 s", "engine: 154 s", "1.20×", "≤ 1.25×", "yes"],
      ["`bench/batch`", "peak RSS", "320 MB", "", "", "< 300 MB", "**no**"],
      ["`bench/batch`", "files/s", "5.4", "", "", "", ""],
      [
        "`bench/engine`",
        "time per image",
        "850.9 ms",
        "sharp called directly: 946.0 ms",
        "0.90×",
        "≤ 1.05×",
        "yes",
      ],
    ]);
  });

  it("shows a benchmark that failed as a failed row rather than dropping it", () => {
    const rows = figureRows(renderReport([result("client", { failed: "exited with 1" })]));
    expect(rows).toEqual([["`bench/client`", "failed: exited with 1", "", "", "", "", "**no**"]]);
  });

  it("keeps a table intact when a figure contains a pipe or a line break", () => {
    const rows = figureRows(
      renderReport([
        result("browse", {
          workload: "10000 objects",
          figures: [
            { figure: "first | reopened", picops: "1 s\n/ 0.5 s", baseline: "", ratio: "", goal: "" },
          ],
        }),
      ]),
    );
    expect(rows[0]?.slice(1, 3)).toEqual(["first \\| reopened", "1 s / 0.5 s"]);
  });

  it("lists when, where and on what workload each benchmark ran, marking quick runs", () => {
    const report = renderReport([result("preview", { workload: "24 MP JPEG, 20 edits", figures: [] }, true)]);
    const runs = report.split("## Runs")[1] ?? "";
    expect(runs).toContain(
      `| \`bench/preview\` | 2026-11-25 04:30:12 | 24 MP JPEG, 20 edits (quick run) | ${machine} | 1.3 |`,
    );
  });
});
