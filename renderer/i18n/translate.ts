import { fillPlaceholders } from "../../shared/placeholders";
import { catalog, type Language, type MessageKey } from "./catalog";

/**
 * Turning a message key into words, without the app's language state (which lives in the
 * browser's storage), so tests and tools read the catalogue exactly as the window does
 * (with the features' strings added: `renderer/app/catalog.ts`).
 */

export type { Language };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translate(
  language: Language,
  key: MessageKey,
  values?: Record<string, string | number>,
): string {
  return fillPlaceholders(catalog[language][key], values, language);
}

/** A translator fixed to one language. */
export function translatorFor(language: Language): Translate {
  return (key, values) => translate(language, key, values);
}
