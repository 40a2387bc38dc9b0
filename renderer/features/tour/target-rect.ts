import { useEffect, useState } from "react";

export interface Rect {
  top: number;
  left: number;
  width: number;
  height: number;
}

const same = (a: Rect | undefined, b: Rect | undefined) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.top === b.top &&
    a.left === b.left &&
    a.width === b.width &&
    a.height === b.height);

/**
 * Where the element matching `selector` is on screen, followed frame by frame while the
 * tour is open: the target may appear only after a workspace switch, move with the
 * layout, or scroll, and none of those announce themselves to the tour.
 */
export function useTargetRect(selector: string): Rect | undefined {
  const [rect, setRect] = useState<Rect>();
  useEffect(() => {
    let frame = 0;
    let last: Rect | undefined;
    let shown = false;
    const measure = () => {
      const element = document.querySelector(selector);
      if (element && !shown) {
        // Once, when it first exists: after that the designer may scroll where they like.
        element.scrollIntoView({ block: "nearest", inline: "nearest" });
        shown = true;
      }
      const box = element?.getBoundingClientRect();
      const next =
        box && box.width > 0
          ? { top: box.top, left: box.left, width: box.width, height: box.height }
          : undefined;
      if (!same(last, next)) {
        last = next;
        setRect(next);
      }
      frame = requestAnimationFrame(measure);
    };
    measure();
    return () => cancelAnimationFrame(frame);
  }, [selector]);
  return rect;
}
