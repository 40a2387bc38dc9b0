import { useEffect } from "react";
import { useT } from "../../i18n";
import { useQuickStore } from "./context";
import { type GivenFile, pastedFiles, pastesIntoText } from "./pasted-files";
import { usablePasteTemplate } from "./store";

/**
 * Ctrl/Cmd+V anywhere in the window (outside a text field being pasted into) adds what the
 * clipboard holds as files: a screenshot, named by the paste template, or copied files.
 */
export function PasteIntake(props: { onFiles(files: GivenFile[]): void }) {
  const t = useT();
  const quick = useQuickStore();
  const { onFiles } = props;

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const data = event.clipboardData;
      const files = [...(data?.files ?? [])];
      if (!data || files.length === 0 || pastesIntoText(event.target, [...data.types])) return;
      event.preventDefault();
      onFiles(pastedFiles(files, usablePasteTemplate(quick.getState().pasteTemplate), new Date()));
    };
    document.addEventListener("paste", onPaste);
    return () => document.removeEventListener("paste", onPaste);
  }, [onFiles, quick]);

  return <p className="hint">{t("quick.pasteHint")}</p>;
}
