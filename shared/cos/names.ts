import { type MessageRef, messageRef } from "../error-messages";

/**
 * Names COS accepts (reference §2): buckets, regions and object keys. Pure checks shared
 * by the connection form, the validator, the client and the local bucket.
 */

/** `BucketName-APPID`: lowercase letters, digits and `-`, a numeric APPID, at most 50 characters. */
const BUCKET_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-[0-9]{1,20}$/;
export const BUCKET_NAME_MAX_LENGTH = 50;

export function isValidBucketName(name: string): boolean {
  return name.length <= BUCKET_NAME_MAX_LENGTH && BUCKET_PATTERN.test(name);
}

/** Splits `examplebucket-1250000000` into its short name and APPID. */
export function splitBucketName(name: string): { shortName: string; appId: string } | undefined {
  if (!isValidBucketName(name)) return undefined;
  const dash = name.lastIndexOf("-");
  return { shortName: name.slice(0, dash), appId: name.slice(dash + 1) };
}

/** Lowercase `xx-city[-n]`, e.g. `ap-guangzhou`, `ap-beijing-1`, `na-toronto`. */
export function isValidRegion(region: string): boolean {
  return /^[a-z]{2,}(?:-[a-z0-9]+)+$/.test(region);
}

export const OBJECT_KEY_MAX_BYTES = 850;

/**
 * Why a key cannot be used, or undefined when it can. Keys are resolved inside one
 * bucket's folder: `.`/`..` segments, control characters and empty keys are refused so
 * that no key can name a file outside it.
 */
/** A segment that is `.` or `..`, between slashes or at either end. */
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

export function objectKeyProblem(key: string): MessageRef | undefined {
  if (key.length === 0) return messageRef("key-empty");
  // A UTF-16 unit is at most 3 UTF-8 bytes: most keys are counted without reading them.
  if (key.length * 3 > OBJECT_KEY_MAX_BYTES && utf8ByteLength(key) > OBJECT_KEY_MAX_BYTES)
    return messageRef("key-too-long", { maxBytes: OBJECT_KEY_MAX_BYTES });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(key)) return messageRef("key-control-character");
  if (key.startsWith("/")) return messageRef("key-leading-slash");
  if (DOT_SEGMENT.test(key)) return messageRef("key-dot-segment");
  return undefined;
}

/** UTF-8 length without TextEncoder, which shared/ cannot assume. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
