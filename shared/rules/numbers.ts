/**
 * Numbers as rules write them: plain decimals, never exponents (COS would not read `1e3`).
 */

const SIGNED_DECIMAL = /^-?\d+(?:\.\d+)?$/;
const UNSIGNED_DECIMAL = /^\d+(?:\.\d+)?$/;

/** A finite number written as a plain decimal, or undefined. */
export function numberFromText(text: string, allowSign = true): number | undefined {
  if (!(allowSign ? SIGNED_DECIMAL : UNSIGNED_DECIMAL).test(text)) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  // `-0` would print as `0`; one spelling for zero keeps format ∘ parse stable.
  return value === 0 ? 0 : value;
}

/** Shortest round-tripping digits, with any exponent expanded into zeros. */
export function numberToText(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = "", lead = "", fraction = "", exponentText = "0"] = match;
  const digits = lead + fraction;
  const exponent = Number(exponentText);
  if (exponent >= 0) return sign + digits + "0".repeat(Math.max(0, exponent - fraction.length));
  return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
}
