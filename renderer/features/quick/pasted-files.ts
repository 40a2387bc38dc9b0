import { expandNamingTemplate } from "../../../shared/uploads/naming-template";

/** A file to add, with its path in what was given (the upload list's own shape). */
export interface GivenFile {
  file: File;
  relativePath: string;
}

/** How a pasted picture (a screenshot) is named unless the designer chose otherwise. */
export const DEFAULT_PASTE_TEMPLATE = "paste-{yyyy}{MM}{dd}-{HH}{mm}{ss}.png";

/**
 * Chromium names every bitmap on the clipboard `image.png` (a screenshot, an image copied
 * from a page); copied files keep their own names. Only the bitmap is named by the template.
 */
const CLIPBOARD_BITMAP_NAME = "image.png";

/** What a paste carries as files: copied files as they are, a pasted picture named from `template` at `now`. */
export function pastedFiles(files: readonly File[], template: string, now: Date): GivenFile[] {
  return files.map((file, index) => {
    if (file.name !== CLIPBOARD_BITMAP_NAME) return { file, relativePath: file.name };
    const named = expandNamingTemplate(template, { path: file.name, now }, false);
    // Two pictures in one paste (rare, but a clipboard may hold several) must not share a key.
    const name = index === 0 ? named : named.replace(/(\.[^./]+)?$/, `-${index + 1}$1`);
    return { file: new File([file], name, { type: file.type }), relativePath: name };
  });
}

/** Whether a paste is text for the field it lands in, which Picops must leave alone. */
export function pastesIntoText(target: EventTarget | null, types: readonly string[]): boolean {
  if (!types.includes("text/plain") || !(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
  );
}
