/**
 * Estimates the quality a JPEG was saved with from its quantisation tables (DQT), the way
 * ImageMagick's `identify -format %Q` does: find the libjpeg quality setting whose scaled
 * Annex K tables are nearest to the file's. Exact for libjpeg/mozjpeg/libvips encoders,
 * a close estimate for others (Photoshop's own tables land on the nearest setting).
 */

/** JPEG Annex K tables in natural (row-major) order. */
const ANNEX_K_LUMINANCE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22,
  29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103,
  121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const ANNEX_K_CHROMINANCE = [
  17,
  18,
  24,
  47,
  99,
  99,
  99,
  99,
  18,
  21,
  26,
  66,
  99,
  99,
  99,
  99,
  24,
  26,
  56,
  99,
  99,
  99,
  99,
  99,
  47,
  66,
  99,
  99,
  99,
  99,
  99,
  99,
  ...new Array<number>(32).fill(99),
];

/** DQT stores coefficients in zig-zag order; entry k is natural position ZIGZAG[k]. */
const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7,
  14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46,
  53, 60, 61, 54, 47, 55, 62, 63,
];

/** Quantisation tables by id (0 luminance, 1 chrominance), each in natural order. */
export function readQuantisationTables(jpeg: Uint8Array): Map<number, number[]> {
  const tables = new Map<number, number[]>();
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return tables;
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) break;
    const marker = jpeg[at + 1] ?? 0;
    // Fill bytes and stand-alone markers carry no length.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    // Tables come before the first scan; nothing after SOS or EOI can hold one we need.
    if (marker === 0xda || marker === 0xd9) break;
    const length = ((jpeg[at + 2] ?? 0) << 8) | (jpeg[at + 3] ?? 0);
    const end = at + 2 + length;
    if (marker === 0xdb) readDqtSegment(jpeg, at + 4, Math.min(end, jpeg.length), tables);
    at = end;
  }
  return tables;
}

function readDqtSegment(jpeg: Uint8Array, start: number, end: number, tables: Map<number, number[]>): void {
  let at = start;
  while (at < end) {
    const header = jpeg[at] ?? 0;
    const wide = header >> 4 === 1;
    const id = header & 0x0f;
    at += 1;
    const table = new Array<number>(64).fill(0);
    for (let k = 0; k < 64; k++) {
      const value = wide ? ((jpeg[at] ?? 0) << 8) | (jpeg[at + 1] ?? 0) : (jpeg[at] ?? 0);
      at += wide ? 2 : 1;
      table[ZIGZAG[k] ?? 0] = value;
    }
    if (at <= end) tables.set(id, table);
  }
}

/** libjpeg's `jpeg_quality_scaling` + `jpeg_add_quant_table` with force_baseline. */
function scaledTable(base: number[], quality: number): number[] {
  const scale = quality < 50 ? Math.floor(5000 / quality) : 200 - quality * 2;
  return base.map((value) => Math.min(255, Math.max(1, Math.floor((value * scale + 50) / 100))));
}

/** 1–100, or undefined when the file holds no quantisation table (not a JPEG). */
export function estimateJpegQuality(jpeg: Uint8Array): number | undefined {
  const tables = readQuantisationTables(jpeg);
  const luminance = tables.get(0);
  if (!luminance) return undefined;
  const chrominance = tables.get(1);
  let best = 100;
  let bestDistance = Number.POSITIVE_INFINITY;
  // From 100 down so that ties (clamped tables at very low settings) keep the higher setting.
  for (let quality = 100; quality >= 1; quality--) {
    let distance = tableDistance(luminance, scaledTable(ANNEX_K_LUMINANCE, quality));
    if (chrominance) distance += tableDistance(chrominance, scaledTable(ANNEX_K_CHROMINANCE, quality));
    if (distance < bestDistance) {
      best = quality;
      bestDistance = distance;
    }
  }
  return best;
}

function tableDistance(actual: number[], expected: number[]): number {
  let sum = 0;
  for (let i = 0; i < 64; i++) sum += Math.abs((actual[i] ?? 0) - (expected[i] ?? 0));
  return sum;
}
