/**
 * Picops's engine against sharp called directly, on the same work in the same run:
 * `imageMogr2/thumbnail/1600x/format/webp/quality/80` over 12 MP noise-like JPEGs.
 * Run: npx tsx bench/engine.ts [--count N]   (goal: engine/sharp ≤ 1.05)
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { processImage } from "../electron/engine";
import type { Pipeline } from "../shared/rules/ast";
import { recordFigures, times, workloadSize } from "./lib/report";

const { values } = parseArgs({
  options: { count: { type: "string", default: String(workloadSize(200, 20)) } },
});
const count = Number(values.count);
const WIDTH = 4000;
const HEIGHT = 3000;

const rule: Pipeline = {
  stages: [
    {
      kind: "imageMogr2",
      ops: [
        { op: "thumbnail", geometry: { mode: "fit", width: 1600 } },
        { op: "format", format: "webp" },
        { op: "quality", quality: { kind: "absolute", value: 80, force: false } },
      ],
    },
  ],
};

async function generate(folder: string): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = join(folder, `photo-${i}.jpg`);
    // Noise over a gradient-ish base so every file differs and compresses like a photo.
    const jpeg = await sharp({
      create: {
        width: WIDTH,
        height: HEIGHT,
        channels: 3,
        background: { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 },
        noise: { type: "gaussian", mean: 128, sigma: 25 },
      },
    })
      .blur(1.2)
      .jpeg({ quality: 90 })
      .toBuffer();
    await writeFile(path, jpeg);
    paths.push(path);
  }
  return paths;
}

async function viaEngine(input: Buffer): Promise<number> {
  return (await processImage(input, rule)).size;
}

async function viaSharp(input: Buffer): Promise<number> {
  // The same work: the original JPEG is q90, so min(90, 80) = 80.
  const data = await sharp(input).resize(1600, 1200, { fit: "fill" }).webp({ quality: 80 }).toBuffer();
  return data.length;
}

const folder = await mkdtemp(join(tmpdir(), "picops-bench-engine-"));
try {
  process.stdout.write(`generating ${count} × ${WIDTH}×${HEIGHT} JPEGs… `);
  const paths = await generate(folder);
  console.log("done");
  // One warm-up of each so neither pays for libvips's first-use set-up.
  const first = await readFile(paths[0] as string);
  await viaEngine(first);
  await viaSharp(first);
  let engineMs = 0;
  let sharpMs = 0;
  for (const [i, path] of paths.entries()) {
    const input = await readFile(path);
    // Alternate which goes first, so caches and thermal state favour neither.
    const order = i % 2 === 0 ? ([viaEngine, viaSharp] as const) : ([viaSharp, viaEngine] as const);
    for (const run of order) {
      const start = performance.now();
      await run(input);
      const elapsed = performance.now() - start;
      if (run === viaEngine) engineMs += elapsed;
      else sharpMs += elapsed;
    }
  }
  console.log(`images: ${count} (${WIDTH}×${HEIGHT} JPEG q90 → 1600×1200 WebP q80)`);
  console.log(`engine: ${engineMs.toFixed(0)} ms total, ${(engineMs / count).toFixed(1)} ms/image`);
  console.log(`sharp:  ${sharpMs.toFixed(0)} ms total, ${(sharpMs / count).toFixed(1)} ms/image`);
  const ratio = engineMs / sharpMs;
  console.log(`ratio engine/sharp: ${ratio.toFixed(3)} (goal ≤ 1.05)`);
  recordFigures({
    workload: `${count} × ${WIDTH}×${HEIGHT} JPEG q90 → thumbnail/1600x/format/webp/quality/80`,
    figures: [
      {
        figure: "time per image",
        picops: `${(engineMs / count).toFixed(1)} ms`,
        baseline: `sharp called directly: ${(sharpMs / count).toFixed(1)} ms`,
        ratio: times(ratio),
        goal: "≤ 1.05×",
        met: ratio <= 1.05,
      },
    ],
  });
} finally {
  await rm(folder, { recursive: true, force: true });
}
