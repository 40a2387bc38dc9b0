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
