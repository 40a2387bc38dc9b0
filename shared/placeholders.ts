/**
 * `{name}` placeholders, as every sentence table of the project writes them (the renderer's
 * catalogue, the main process's sentences, the rule diagnostics): one way to fill and read them.
 *
 * A count that changes the words is written as ICU writes it, `{count, plural, one {# file}
 * other {# files}}`: the branch is picked by `Intl.PluralRules` for the sentence's language and
 * `#` stands for the number. A branch holds words and `#` only (no nested placeholders).
 */

import { perLocale } from "./intl-per-locale";

const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

/** Fills `{name}` placeholders; a placeholder without a value stays as written. */
export function fillPlaceholders(
  template: string,
  values: Readonly<Record<string, string | number>> | undefined,
  locale = "en",
): string {
  if (!values) return template;
  return template
    .replace(
      PLURAL,
      (whole, name: string, branches: string) => pluralBranch(branches, values[name], locale) ?? whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

function pluralBranch(
  branches: string,
  value: string | number | undefined,
  locale: string,
): string | undefined {
  const count = Number(value);
  if (value === undefined || !Number.isFinite(count)) return undefined;
  const byCategory = new Map([...branches.matchAll(PLURAL_BRANCH)].map((match) => [match[1], match[2]]));
  const chosen =
    byCategory.get(`=${count}`) ??
    byCategory.get(perLocale("plural rules", locale, () => new Intl.PluralRules(locale)).select(count)) ??
    byCategory.get("other");
  return chosen?.replaceAll(
    "#",
    perLocale("number format", locale, () => new Intl.NumberFormat(locale)).format(count),
  );
}

/** The placeholder names a template uses, sorted, so two languages can be checked to ask for the same values. */
export function placeholdersOf(template: string): string[] {
  const plural = [...template.matchAll(PLURAL)].map((match) => match[1] as string);
  const plain = [...template.replace(PLURAL, "").matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
  return [...new Set([...plural, ...plain])].sort();
}
