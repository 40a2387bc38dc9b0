/**
 * Node reads header bytes as Latin-1. Clients that write non-ASCII header text as raw UTF-8
 * (Go's SDK does, for a Chinese `fileid` in Pic-Operations) therefore arrive mangled; the
 * text they meant is the same bytes read as UTF-8. Picops's own client escapes non-ASCII
 * as `\uXXXX` and never gets here. Only headers read as text are re-read: stored metadata
 * keeps the received bytes, so that it is answered back byte for byte.
 */
export function utf8HeaderText(value: string): string {
  // Only values made of bytes (every char ≤ U+00FF) with at least one ≥ 0x80 can be re-read.
  if (!/[\u0080-\u00ff]/.test(value) || /[\u0100-\uffff]/.test(value)) return value;
  const bytes = Buffer.from(value, "latin1");
  const text = bytes.toString("utf8");
  // Bytes that are not UTF-8 (a real Latin-1 value) do not survive the round trip: keep them.
  return Buffer.from(text, "utf8").equals(bytes) ? text : value;
}
