/**
 * COS lists keys in UTF-8 byte order. JavaScript compares UTF-16 code units, which
 * disagrees with byte order only when a surrogate (D800–DFFF) meets a unit in E000–FFFF;
 * shifting those two ranges past each other makes code-unit order equal code-point order,
 * which is UTF-8 byte order.
 */
function orderUnit(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return orderUnit(x) - orderUnit(y);
  }
  return a.length - b.length;
}

/** Index of the first key in `sorted` that is not below `key` (`strict`: above it). */
export function lowerBound(sorted: readonly string[], key: string, strict = false): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const order = compareKeys(sorted[mid] as string, key);
    if (order < 0 || (strict && order === 0)) low = mid + 1;
    else high = mid;
  }
  return low;
}
