/** Readers for values several processors share. Each returns undefined when it cannot read. */
import type { QualitySetting } from "./ast";
import { decodeUrlSafeBase64 } from "./base64";
import { numberFromText } from "./numbers";

export function signedNumber(text: string): number | undefined {
  return numberFromText(text, true);
}

/** `0` or `1`. */
export function switchFromText(text: string): boolean | undefined {
  return text === "1" ? true : text === "0" ? false : undefined;
}

/** `Q`, or `Q!` for an absolute quality that COS must use as is. */
export function qualityFromText(kind: QualitySetting["kind"], text: string): QualitySetting | undefined {
  const force = text.endsWith("!");
  if (force && kind !== "absolute") return undefined;
  const value = signedNumber(force ? text.slice(0, -1) : text);
  return value === undefined ? undefined : { kind, value, force };
}

/** Text from a Base64 watermark value; an empty text says nothing, so it is refused too. */
export function textFromBase64(value: string): string | undefined {
  const text = decodeUrlSafeBase64(value);
  return text === "" ? undefined : text;
}
