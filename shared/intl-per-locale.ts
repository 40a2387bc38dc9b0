/**
 * Intl's formatters and rules are costly to build (a fraction of a millisecond each, several
 * the first time) and never change once built, while a sentence with a count is filled again
 * on every page of a listing: one of each kind per locale, built on first use.
 */
const built = new Map<string, unknown>();

export function perLocale<T>(kind: string, locale: string, build: () => T): T {
  const id = `${kind}\u0000${locale}`;
  if (!built.has(id)) built.set(id, build());
  return built.get(id) as T;
}
