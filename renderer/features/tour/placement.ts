import type { Rect } from "./target-rect";

const GAP = 14;
const MARGIN = 8;

/**
 * Where the tour's card goes: beside the target if it fits (right, then left), else below
 * or above it, always inside the viewport. Without a target, centred.
 */
export function cardPosition(
  target: Rect | undefined,
  card: { width: number; height: number },
  viewport: { width: number; height: number },
): { top: number; left: number } {
  const clamp = (value: number, size: number, room: number) =>
    Math.max(MARGIN, Math.min(value, room - size - MARGIN));
  if (!target) {
    return { top: (viewport.height - card.height) / 2, left: (viewport.width - card.width) / 2 };
  }
  const besideTop = clamp(target.top, card.height, viewport.height);
  if (target.left + target.width + GAP + card.width + MARGIN <= viewport.width) {
    return { top: besideTop, left: target.left + target.width + GAP };
  }
  if (target.left - GAP - card.width >= MARGIN) {
    return { top: besideTop, left: target.left - GAP - card.width };
  }
  const left = clamp(target.left, card.width, viewport.width);
  if (target.top + target.height + GAP + card.height + MARGIN <= viewport.height) {
    return { top: target.top + target.height + GAP, left };
  }
  return { top: clamp(target.top - GAP - card.height, card.height, viewport.height), left };
}
