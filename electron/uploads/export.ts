import type { BatchDetail } from "../../shared/uploads/batch";

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  content: string;
}

const CSV_COLUMNS = [
  "file",
  "state",
  "bucket",
  "key",
  "etag",
  "format",
  "width",
  "height",
  "quality",
  "average_colour",
  "orientation",
  "result_index",
  "result_key",
  "result_format",
  "result_width",
  "result_height",
  "result_size",
  "result_quality",
  "result_etag",
  "error_code",
  "error_message",
] as const;

/** A batch's results as CSV (one row per original or result object) or as JSON. */
export function exportBatch(batch: BatchDetail, format: "csv" | "json"): ExportedFile {
  const base = `picops-batch-${batch.id}`;
  if (format === "json") {
    // The revision only orders the window's views of a batch; it means nothing in a file.
    const { revision: _revision, ...exported } = batch;
    return {
      fileName: `${base}.json`,
      mimeType: "application/json",
      content: `${JSON.stringify(exported, null, 2)}\n`,
    };
  }
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const item of batch.items) {
    const info = item.result?.originalInfo.imageInfo;
    const original = [
      item.name,
      item.state,
      item.bucket,
      item.originalKey,
      item.etag ?? item.result?.originalInfo.etag ?? "",
      info?.format ?? "",
      String(info?.width ?? ""),
      String(info?.height ?? ""),
      String(info?.quality ?? ""),
      info?.ave ?? "",
      String(info?.orientation ?? ""),
    ];
    const error = [item.error?.code ?? "", item.error?.message ?? ""];
    rows.push([...original, "", "", "", "", "", "", "", "", ...error]);
    item.result?.processResults.forEach((result, index) => {
      rows.push([
        ...original,
        String(index + 1),
        result.key,
        result.format,
        String(result.width),
        String(result.height),
        String(result.size),
        String(result.quality),
        result.etag,
        "",
        "",
      ]);
    });
  }
  return { fileName: `${base}.csv`, mimeType: "text/csv", content: `${rows.map(csvRow).join("\r\n")}\r\n` };
}

function csvRow(cells: string[]): string {
  // Quote every cell, and defuse spreadsheet formulas in names a designer did not choose.
  return cells
    .map((cell) => `"${(/^[=+\-@]/.test(cell) ? `'${cell}` : cell).replace(/"/g, '""')}"`)
    .join(",");
}
