import { create } from "zustand";
import { fillPlaceholders } from "../../shared/error-messages";
import { catalog, type MessageKey } from "./catalog";

export type { MessageKey };

export type Language = "en" | "zh-CN";

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

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translate(
  language: Language,
  key: MessageKey,
  values?: Record<string, string | number>,
): string {
  return fillPlaceholders(catalog[language][key], values);
}

/** The current language's translator; components re-render when the language changes. */
export function useT(): Translate {
  const language = useLanguage((state) => state.language);
  return (key, values) => translate(language, key, values);
}
