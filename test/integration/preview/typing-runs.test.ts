import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { processImage } from "../../../electron/engine/index";
import { MediaStore } from "../../../electron/media/media-store";
import { PreviewService } from "../../../electron/preview/service";
import type { PreviewRequest } from "../../../shared/ipc/channels/preview";
import { formatRule } from "../../../shared/rules/index";
import { noiseImage } from "../../fixtures/images";

/** The engine's runs as they start and end (the real engine, watched), and who waits for the next one to start. */
const engine = vi.hoisted(() => ({ runs: [] as string[], onRun: undefined as (() => void) | undefined }));
vi.mock(import("../../../electron/engine/index"), async (original) => {
  const real = await original();
  const watched: typeof processImage = (input, pipeline, options) => {
    const rule = formatRule(pipeline);
    engine.runs.push(`start ${rule}`);
    engine.onRun?.();
    // A run ends when its pixels are done: libvips finishes a pass whatever the signal says.
    const { signal: _ignored, ...unstoppable } = options ?? {};
    return real.processImage(input, pipeline, unstoppable).finally(() => engine.runs.push(`end ${rule}`));
  };
  return { ...real, processImage: watched };
});

let root: string;
let photo: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "picops-typing-runs-"));
  photo = path.join(root, "photo.jpg");
  await writeFile(photo, await noiseImage(2400, 1600).jpeg({ quality: 82 }).toBuffer());
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe("a burst of edits", () => {
  it("runs the engine for the edit in flight, then for the newest one only; the ones between never run", async () => {
    const preview = new PreviewService({
      media: new MediaStore(),
      filePath: () => photo,
      connection: () => Promise.reject(new Error("no connection in this test")),
    });
    const sample = { kind: "file", fileId: "photo", name: "photo.jpg" } as const;
    const edit = (seq: number, width: number): PreviewRequest => ({
      view: "typing",
      seq,
      sample,
      rule: `imageMogr2/rotate/90/thumbnail/${width}x/format/webp`,
      producer: "local",
      resolution: "working",
    });
    // The sample and its working copy are made once, before the burst.
    await preview.render(edit(1, 100));
    engine.runs.length = 0;
    const outcome = (request: PreviewRequest) =>
      preview.render(request).then(
        (answer) => (answer.after.kind === "image" ? `${answer.after.width} px wide` : "problem"),
        (error: { code?: string }) => error.code,
      );

    const firstRunStarted = new Promise<void>((resolve) => {
      engine.onRun = resolve;
    });
    const first = outcome(edit(2, 200));
    await firstRunStarted;
    // Three more edits while the first one's pixels are being made: each supersedes the one before.
    const rest = [300, 400, 500].map((width, index) => outcome(edit(index + 3, width)));
    expect(await Promise.all([first, ...rest])).toEqual([
      "superseded",
      "superseded",
      "superseded",
      "500 px wide",
    ]);
    // The newest run starts once the pixels in flight are done, not beside them.
    expect(engine.runs).toEqual([
      "start imageMogr2/rotate/90/thumbnail/200x/format/webp",
      "end imageMogr2/rotate/90/thumbnail/200x/format/webp",
      "start imageMogr2/rotate/90/thumbnail/500x/format/webp",
      "end imageMogr2/rotate/90/thumbnail/500x/format/webp",
    ]);
  });
});
