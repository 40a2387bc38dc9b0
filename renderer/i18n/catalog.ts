import { errorMessages } from "./error-messages";
import { appMessages } from "./messages";

export type Language = "en" | "zh-CN";

/** A table of strings in both languages, as `defineMessages` makes it. */
export interface MessageTable {
  en: Record<string, string>;
  "zh-CN": Record<string, string>;
}

/**
 * The features' tables, declared by the app (`renderer/app/catalog.ts`) by merging a
 * `tables` member into this interface: i18n knows every key without importing a feature.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging
export interface FeatureMessages {}

type Tables =
  | typeof appMessages
  | typeof errorMessages
  | (FeatureMessages extends { tables: readonly (infer T)[] } ? T : never);
export type MessageKey = Tables extends infer T
  ? T extends { en: Record<infer K, string> }
    ? K
    : never
  : never;

/** Every string, by language: the frame's and the main process's, and each feature's once added. */
export const catalog: Record<Language, Record<MessageKey, string>> = {
  en: { ...appMessages.en, ...errorMessages.en } as Record<MessageKey, string>,
  "zh-CN": { ...appMessages["zh-CN"], ...errorMessages["zh-CN"] } as Record<MessageKey, string>,
};

/** Adds a feature's strings; the app adds every feature's before anything is worded. */
export function addMessages(table: MessageTable): void {
  // Two features using one key would silently word each other's screens: refuse at load.
  for (const [key, text] of Object.entries(table.en)) {
    const known = (catalog.en as Record<string, string>)[key];
    if (known !== undefined && known !== text) throw new Error(`Message key "${key}" is defined twice.`);
  }
  Object.assign(catalog.en, table.en);
  Object.assign(catalog["zh-CN"], table["zh-CN"]);
}
