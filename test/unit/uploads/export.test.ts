import { describe, expect, it } from "vitest";
import { commonPrefix } from "../../../electron/uploads/existing-keys";
import { exportBatch } from "../../../electron/uploads/export";
import type { BatchDetail } from "../../../shared/uploads/batch";

const batch: BatchDetail = {
  id: "b1",
  kind: "upload",
  connectionId: "local",
  createdAt: "2026-11-25T00:00:00.000Z",
  state: "finished",
  revision: 4,
  concurrency: 3,
  totals: { files: 2, done: 1, failed: 1, cancelled: 0, bytesTotal: 30, bytesDone: 10 },
  items: [
    {
      id: "i1",
      name: 'shoot/"quoted", name.jpg',
      bucket: "photos-1250000000",
      originalKey: "shoot/a.jpg",
      resultKeys: [{ bucket: "photos-1250000000", key: "shoot/a.webp" }],
      size: 10,
      state: "done",
      loaded: 10,
      etag: '"abc"',
      result: {
        originalInfo: {
          key: "shoot/a.jpg",
          location: "photos-1250000000.cos.ap-guangzhou.myqcloud.com/shoot/a.jpg",
          etag: '"abc"',
          imageInfo: {
            format: "JPEG",
            width: 800,
            height: 600,
            quality: 90,
            ave: "0x112233",
            orientation: 0,
          },
        },
        processResults: [
          {
            key: "shoot/a.webp",
            location: "photos-1250000000.cos.ap-guangzhou.myqcloud.com/shoot/a.webp",
            format: "WEBP",
            width: 400,
            height: 300,
            size: 1234,
            quality: 80,
            etag: '"def"',
          },
        ],
      },
    },
    {
      id: "i2",
      name: "=cmd|' /C calc'!A0.jpg",
      bucket: "photos-1250000000",
      originalKey: "b.jpg",
      resultKeys: [],
      size: 20,
      state: "failed",
      loaded: 0,
      error: { code: "SignatureDoesNotMatch", message: "The signature does not match.", status: 403 },
    },
  ],
};

describe("exportBatch", () => {
  it("writes one CSV row per original and per result, quoting every cell", () => {
    const { fileName, content } = exportBatch(batch, "csv");
    expect(fileName).toBe("picops-batch-b1.csv");
    const rows = content.trim().split("\r\n");
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain('"shoot/""quoted"", name.jpg","done","photos-1250000000","shoot/a.jpg"');
    expect(rows[2]).toContain('"1","shoot/a.webp","WEBP","400","300","1234","80"');
    expect(rows[3]).toContain('"SignatureDoesNotMatch","The signature does not match."');
    // A name that looks like a spreadsheet formula is defused.
    expect(rows[3]).toContain(`"'=cmd|' /C calc'!A0.jpg"`);
  });

  it("writes the whole batch as JSON, without the window's revision counter", () => {
    const { content, mimeType } = exportBatch(batch, "json");
    expect(mimeType).toBe("application/json");
    const { revision: _revision, ...exported } = batch;
    expect(JSON.parse(content)).toEqual(exported);
  });
});

describe("commonPrefix", () => {
  it("finds the longest shared start of keys", () => {
    expect(commonPrefix(["shoot/a.jpg", "shoot/b.jpg", "shoot/sub/c.jpg"])).toBe("shoot/");
    expect(commonPrefix(["a", "b"])).toBe("");
    expect(commonPrefix([])).toBe("");
  });
});
