/**
 * `{name}` placeholders, as every sentence table of the project writes them (the renderer's
 * catalogue, the main process's sentences, the rule diagnostics): one way to fill and read them.
 */

/** Fills `{name}` placeholders; a placeholder without a value stays as written. */
export function fillPlaceholders(
  template: string,
  values: Readonly<Record<string, string | number>> | undefined,
): string {
  return values
    ? template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole))
    : template;
}

/** The placeholder names a template uses, sorted, so two languages can be checked to ask for the same values. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string))].sort();
}
