import { create } from "zustand";
import type { MessageKey } from "./catalog";
import { type Language, type Translate, translatorFor } from "./translate";

export { type Language, type Translate, translate } from "./translate";
export type { MessageKey };

export const LANGUAGES: { id: Language; name: string }[] = [
  { id: "en", name: "English" },
  { id: "zh-CN", name: "简体中文" },
];

const STORAGE_KEY = "picops.language";

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === "en" || saved === "zh-CN") return saved;
  return navigator.language.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

export const useLanguage = create<LanguageState>((set) => ({
  language: initialLanguage(),
  setLanguage(language) {
    localStorage.setItem(STORAGE_KEY, language);
    document.documentElement.lang = language;
    set({ language });
  },
}));

/** The current language's translator; components re-render when the language changes. */
export function useT(): Translate {
  return translatorFor(useLanguage((state) => state.language));
}
