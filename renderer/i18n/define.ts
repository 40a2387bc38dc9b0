/**
 * Declares one feature's strings in both languages. The key set comes from the English
 * table; the Chinese table must have exactly the same keys, or the build fails.
 */
export function defineMessages<const K extends string>(
  en: Record<K, string>,
  zhCN: Record<NoInfer<K>, string>,
): { en: Record<K, string>; "zh-CN": Record<K, string> } {
  return { en, "zh-CN": zhCN };
}

/** A table of English sentences declared elsewhere (a parser, a schema), as message keys under `prefix`. */
export function prefixed<K extends string, P extends string>(
  prefix: P,
  table: Readonly<Record<K, string>>,
): Record<`${P}${K}`, string> {
  return Object.fromEntries(Object.entries(table).map(([key, text]) => [`${prefix}${key}`, text])) as Record<
    `${P}${K}`,
    string
  >;
}
