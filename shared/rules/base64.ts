/**
 * URL-safe Base64 of UTF-8 text, as watermark `image`, `text`, `font` and `fill` values use
 * (reference §7.5). Written by hand because shared/ may not assume TextEncoder or btoa.
 */

const URL_SAFE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Decoding accepts both alphabets: COS examples and older tools use `+`/`/` too. */
const SEXTET_OF = new Map<string, number>([
  ...[...URL_SAFE_ALPHABET].map((char, index) => [char, index] as const),
  ["+", 62],
  ["/", 63],
]);

/** UTF-8, no `=` padding: the form COS examples and the Node SDK's helper write. */
export function encodeUrlSafeBase64(text: string): string {
  const bytes = encodeUtf8(text);
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += URL_SAFE_ALPHABET[(triple >> 18) & 63];
    out += URL_SAFE_ALPHABET[(triple >> 12) & 63];
    if (b !== undefined) out += URL_SAFE_ALPHABET[(triple >> 6) & 63];
    if (c !== undefined) out += URL_SAFE_ALPHABET[triple & 63];
  }
  return out;
}

/**
 * The text, or undefined when `value` is not Base64 (either alphabet, `=` padding absent or
 * complete) or the bytes are not valid UTF-8.
 */
export function decodeUrlSafeBase64(value: string): string | undefined {
  const body = value.replace(/=+$/, "");
  const padding = value.length - body.length;
  if (body.length % 4 === 1) return undefined;
  if (padding > 0 && (body.length + padding) % 4 !== 0) return undefined;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of body) {
    const sextet = SEXTET_OF.get(char);
    if (sextet === undefined) return undefined;
    buffer = ((buffer << 6) | sextet) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return decodeUtf8(bytes);
}

/** Lone surrogates become U+FFFD, as TextEncoder does. */
function encodeUtf8(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    let code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) {
      bytes.push(code);
    } else if (code < 0x800) {
      bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    } else if (code < 0x10000) {
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    } else {
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 63),
        0x80 | ((code >> 6) & 63),
        0x80 | (code & 63),
      );
    }
  }
  return bytes;
}

/** Strict: overlong forms, surrogates, values past U+10FFFF and truncated sequences are refused. */
function decodeUtf8(bytes: number[]): string | undefined {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : 4;
    if (length === 4 && (lead < 0xf0 || lead > 0xf4)) return undefined;
    let code = length === 1 ? lead : lead & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return undefined;
      code = (code << 6) | (next & 63);
    }
    const smallest = [0, 0, 0x80, 0x800, 0x10000][length] ?? 0;
    if (code < smallest || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    out += String.fromCodePoint(code);
    i += length;
  }
  return out;
}
