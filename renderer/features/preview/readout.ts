import type { PreviewAfter, PreviewBefore } from "../../../shared/ipc/channels/preview";

/**
 * The change in bytes from before to after, in percent. An after image made from the
 * working copy is compared with the working copy, not with the original.
 */
export function bytesChange(before: PreviewBefore, after: Extract<PreviewAfter, { kind: "image" }>): number {
  const from = after.scope === "working-copy" && before.working ? before.working.bytes : before.bytes;
  return from === 0 ? 0 : ((after.bytes - from) / from) * 100;
}

/** `+12.5 %`, `−97.3 %`: signed, one decimal, with a real minus sign. */
export function formatChange(percent: number): string {
  const sign = percent > 0 ? "+" : percent < 0 ? "−" : "±";
  return `${sign}${Math.abs(percent).toFixed(1)} %`;
}

export function pixels(size: { width: number; height: number }): string {
  return `${size.width}×${size.height}`;
}
