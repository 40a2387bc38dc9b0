import { createStore, type StoreApi } from "zustand/vanilla";
import { namingTemplateProblems } from "../../../shared/uploads/naming-template";
import { DEFAULT_PASTE_TEMPLATE } from "./pasted-files";

/** Where the window keeps what the designer set for pasting; `localStorage` in the app. */
export type QuickStorage = Pick<Storage, "getItem" | "setItem">;

const PASTE_TEMPLATE_KEY = "picops.pasteTemplate";

export interface QuickState {
  /** The naming template of pasted pictures (see pasted-files.ts). */
  pasteTemplate: string;
  setPasteTemplate(template: string): void;
}

export type QuickStore = StoreApi<QuickState>;

/** Placeholders a paste template may not use (`{key}`, `{md5}` of bytes not yet read is fine). */
export function pasteTemplateProblems(template: string): string[] {
  return namingTemplateProblems(template, "original");
}

/** The template a paste names by: the designer's when it is usable, else the default. */
export function usablePasteTemplate(template: string): string {
  return template.trim() !== "" && pasteTemplateProblems(template).length === 0
    ? template
    : DEFAULT_PASTE_TEMPLATE;
}

/**
 * The window's choices about pasting. Kept in the window's storage so a reload keeps them;
 * a template with problems is shown (and marked) while pastes use the default.
 */
export function createQuickStore(storage: QuickStorage): QuickStore {
  return createStore<QuickState>()((set) => ({
    pasteTemplate: storage.getItem(PASTE_TEMPLATE_KEY) ?? DEFAULT_PASTE_TEMPLATE,
    setPasteTemplate(template) {
      storage.setItem(PASTE_TEMPLATE_KEY, template);
      set({ pasteTemplate: template });
    },
  }));
}
