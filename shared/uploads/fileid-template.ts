/**
 * `fileid` templates: how a designer names each rule's output relative to its original,
 * e.g. `{name}_w800.{ext}` or `/thumbs/{dir}/{name}.webp`. Expansion gives the fileid sent
 * to COS; `resolveFileId` (shared/rules) then applies COS's relative/absolute semantics.
 */

export const FILEID_PLACEHOLDERS = ["dir", "name", "ext", "key", "format"] as const;
export type FileIdPlaceholder = (typeof FILEID_PLACEHOLDERS)[number];

export interface FileIdContext {
  /** The original's object key, e.g. `shoots/2026/cat.jpg`. */
  key: string;
  /** Output format the rule asks for (`webp`), when it asks for one. */
  format?: string;
}

export function splitKey(key: string): { dir: string; name: string; ext: string } {
  const slash = key.lastIndexOf("/");
  const dir = slash >= 0 ? key.slice(0, slash) : "";
  const file = key.slice(slash + 1);
  const dot = file.lastIndexOf(".");
  return dot > 0 ? { dir, name: file.slice(0, dot), ext: file.slice(dot + 1) } : { dir, name: file, ext: "" };
}

/** Placeholders the template uses that do not exist, for the form to mark in place. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(/\{([^}]*)\}/g)]
    .map((match) => match[1] ?? "")
    .filter((name) => !(FILEID_PLACEHOLDERS as readonly string[]).includes(name));
}

/**
 * Fills a template. Empty pieces collapse (`/{dir}/x` at the bucket root is `/x`), and
 * `{format}` falls back to the original's extension when the rule keeps the format.
 */
export function expandFileIdTemplate(template: string, context: FileIdContext): string {
  const parts = splitKey(context.key);
  const values: Record<FileIdPlaceholder, string> = {
    dir: parts.dir,
    name: parts.name,
    ext: parts.ext,
    key: context.key,
    format: context.format ?? parts.ext,
  };
  const filled = template.replace(
    /\{(dir|name|ext|key|format)\}/g,
    (_, name: FileIdPlaceholder) => values[name],
  );
  // Whether the fileid is absolute is the template's choice, not an accident of an empty {dir}.
  const absolute = template.startsWith("/");
  const collapsed = filled
    .split("/")
    .filter((segment) => segment.length > 0)
    .join("/")
    .replace(/\.$/, "");
  return absolute ? `/${collapsed}` : collapsed;
}
