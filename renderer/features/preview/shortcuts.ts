import type { ComparisonMode, Zoom } from "./store";

export type PreviewShortcut =
  | { kind: "mode"; mode: ComparisonMode }
  | { kind: "zoom"; zoom: Zoom }
  | { kind: "flip" }
  | { kind: "pixelated" };

/** The preview's single-key shortcuts, as the help line lists them. */
const SHORTCUTS: Record<string, PreviewShortcut> = {
  s: { kind: "mode", mode: "slider" },
  d: { kind: "mode", mode: "side-by-side" },
  t: { kind: "mode", mode: "toggle" },
  b: { kind: "flip" },
  f: { kind: "zoom", zoom: "fit" },
  a: { kind: "zoom", zoom: "100" },
  "1": { kind: "zoom", zoom: "100" },
  "2": { kind: "zoom", zoom: "200" },
  "4": { kind: "zoom", zoom: "400" },
  p: { kind: "pixelated" },
};

/** The shortcut a key press means, unless the designer is typing or holding a modifier. */
export function shortcutFor(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}): PreviewShortcut | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return undefined;
  return SHORTCUTS[event.key.toLowerCase()];
}

const NOT_TYPING = new Set(["radio", "checkbox", "button", "range"]);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TYPING.has(target.type);
  return (
    target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable
  );
}
