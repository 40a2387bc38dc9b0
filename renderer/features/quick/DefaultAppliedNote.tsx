import "./quick.css";
import { useEffect } from "react";
import type { DefaultRules } from "../../../shared/destinations/destination-default";
import { useT } from "../../i18n";

/** Whether a key press is meant for a field the designer is typing in, whose own undo it is. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !["checkbox", "radio", "button"].includes(target.type);
  return (
    target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
  );
}

/**
 * Says, politely, that a destination's default filled the rule slots ("Default for photos/:
 * Web 1600 applied"), with its undo: the button, or Ctrl/⌘+Z anywhere outside a text field.
 */
export function DefaultAppliedNote(props: { applied: DefaultRules | undefined; onUndo(): void }) {
  const t = useT();
  const { applied, onUndo } = props;

  useEffect(() => {
    if (!applied) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (event.key.toLowerCase() !== "z" || typingIn(event.target)) return;
      event.preventDefault();
      onUndo();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [applied, onUndo]);

  return (
    <div className="row default-applied" data-testid="default-applied">
      {/* Always in the page, so a screen reader hears the note when it appears. */}
      <p role="status">
        {applied &&
          (applied.prefix === ""
            ? t("quick.connectionDefaultApplied", { preset: applied.presetName })
            : t("quick.prefixDefaultApplied", { prefix: applied.prefix, preset: applied.presetName }))}
      </p>
      {applied && (
        <button type="button" className="link" aria-keyshortcuts="Control+Z Meta+Z" onClick={onUndo}>
          {t("quick.undoDefault")}
        </button>
      )}
    </div>
  );
}
