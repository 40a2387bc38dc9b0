import { type DragEvent, useRef, useState } from "react";
import { useT } from "../../i18n";
import { focusNext } from "../../ui/focus";
import { PasteIntake, useQuickIntake } from "../quick";
import { useUpload, useUploadStore } from "./context";
import { filesFromDrop, filesFromInput } from "./dropped-files";

/** Drop files or folders, or pick them: every way in ends in the same add-files call. */
export function DropZone() {
  const t = useT();
  const adding = useUpload((state) => state.adding);
  const { addFiles } = useUploadStore().getState();
  const prefix = useUpload((state) => state.options.prefix);
  const take = useQuickIntake(addFiles, prefix);
  const [over, setOver] = useState(false);
  const filePicker = useRef<HTMLInputElement>(null);
  const folderPicker = useRef<HTMLInputElement>(null);

  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    await take(await filesFromDrop(event.dataTransfer));
    added();
  };

  // After files come in, the next step: review the plan, or the list that says what was kept out.
  const added = () => focusNext("#review-plan", "#intake-heading");

  const onPicked = async (input: HTMLInputElement) => {
    const picked = filesFromInput([...(input.files ?? [])]);
    input.value = "";
    await addFiles(picked);
    added();
  };

  return (
    <section
      className={over ? "dropzone over" : "dropzone"}
      aria-label={t("upload.dropLabel")}
      data-testid="dropzone"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p>{adding ? t("upload.checking") : t("upload.empty")}</p>
      <PasteIntake onFiles={take} />
      <div className="row">
        <button type="button" onClick={() => filePicker.current?.click()} disabled={adding}>
          {t("upload.pickFiles")}
        </button>
        <button type="button" onClick={() => folderPicker.current?.click()} disabled={adding}>
          {t("upload.pickFolder")}
        </button>
      </div>
      <input
        ref={filePicker}
        type="file"
        multiple
        accept="image/*"
        hidden
        data-testid="file-input"
        onChange={(event) => onPicked(event.currentTarget)}
      />
      <input
        ref={(element) => {
          folderPicker.current = element;
          // Not in React's typings: the attribute that turns a file input into a folder picker.
          element?.setAttribute("webkitdirectory", "");
        }}
        type="file"
        hidden
        data-testid="folder-input"
        onChange={(event) => onPicked(event.currentTarget)}
      />
    </section>
  );
}
