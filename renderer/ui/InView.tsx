import { type ReactNode, useEffect, useRef, useState } from "react";

/**
 * Mounts its children once they scroll into view (and keeps them): long lists can carry
 * thumbnails without asking for all of them at once.
 */
export function InView(props: { children: ReactNode; className?: string }) {
  const anchor = useRef<HTMLSpanElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const element = anchor.current;
    if (!element || seen) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setSeen(true);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [seen]);
  return (
    <span ref={anchor} className={props.className}>
      {seen ? props.children : null}
    </span>
  );
}
