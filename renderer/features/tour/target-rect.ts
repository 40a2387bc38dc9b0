import { useEffect, useState } from "react";

export interface Rect {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** The element lit, and which of the selectors found it. */
export interface FoundTarget {
  rect: Rect;
  index: number;
}

const same = (a: FoundTarget | undefined, b: FoundTarget | undefined) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.index === b.index &&
    a.rect.top === b.rect.top &&
    a.rect.left === b.rect.left &&
    a.rect.width === b.rect.width &&
    a.rect.height === b.rect.height);

/** The first of `selectors` that matches an element with a size on the page. */
function firstShown(selectors: readonly string[]): { element: Element; index: number } | undefined {
  for (const [index, selector] of selectors.entries()) {
    const element = document.querySelector(selector);
    if (element && element.getBoundingClientRect().width > 0) return { element, index };
  }
  return undefined;
}

/**
 * Where the first shown element of `selectors` is on screen, followed frame by frame while
 * the tour is open: the target may appear only after a workspace switch, move with the
 * layout, or scroll, and none of those announce themselves to the tour.
 */
export function useTargetRect(selectors: readonly string[]): FoundTarget | undefined {
  const [found, setFound] = useState<FoundTarget>();
  useEffect(() => {
    let frame = 0;
    let last: FoundTarget | undefined;
    let shown: Element | undefined;
    const measure = () => {
      const match = firstShown(selectors);
      if (match && match.element !== shown) {
        // Once per element, when it is first lit: after that the designer may scroll where they like.
        match.element.scrollIntoView({ block: "nearest", inline: "nearest" });
        shown = match.element;
      }
      const box = match?.element.getBoundingClientRect();
      const next =
        match && box
          ? {
              index: match.index,
              rect: { top: box.top, left: box.left, width: box.width, height: box.height },
            }
          : undefined;
      if (!same(last, next)) {
        last = next;
        setFound(next);
      }
      frame = requestAnimationFrame(measure);
    };
    measure();
    return () => cancelAnimationFrame(frame);
  }, [selectors]);
  return found;
}
