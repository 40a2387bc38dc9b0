import { splitKey } from "./fileid-template";

/**
 * Key templates name an original from its file and the moment it is uploaded, e.g.
 * `notes/{yyyy}/{MM}/{name}-{md5:8}.{ext}` (issue 16's naming rules; outputs keep their
 * `fileid` templates, relative to the original's key). Pure: the caller supplies the time,
 * the file's MD5 when the template asks for it, and the randomness.
 */

export const KEY_PLACEHOLDERS = [
  "name",
  "ext",
  "yyyy",
  "MM",
  "dd",
  "HH",
  "mm",
  "ss",
  "timestamp",
  "md5",
  "random",
] as const;
export type KeyPlaceholder = (typeof KEY_PLACEHOLDERS)[number];

/** Placeholders that take a length, as `{md5:8}` or `{random:6}`. */
const SIZED: readonly string[] = ["md5", "random"];
const PLACEHOLDER = /\{([^}:]*)(?::(\d+))?\}/g;
const MAX_SIZE = 32;

export interface KeyContext {
  /** The file's own name, e.g. `Pasted image 20261202.png`; folders are not kept. */
  fileName: string;
  now: Date;
  /** Hex MD5 of the file's bytes; needed only when the template names `{md5}`. */
  md5?: string;
  /** `length` random characters from [a-z0-9]. */
  random(length: number): string;
}

/** Placeholders the template uses that do not exist or take no length, for the form to mark. */
export function keyTemplateProblems(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)]
    .filter(([, name = "", size]) => {
      if (!(KEY_PLACEHOLDERS as readonly string[]).includes(name)) return true;
      if (size === undefined) return false;
      const length = Number(size);
      return !SIZED.includes(name) || length < 1 || length > MAX_SIZE;
    })
    .map(([whole]) => whole);
}

export function keyTemplateNeedsMd5(template: string): boolean {
  return [...template.matchAll(PLACEHOLDER)].some(([, name]) => name === "md5");
}

/** Fills a template. Empty folders collapse and the key never starts with `/`. */
export function expandKeyTemplate(template: string, context: KeyContext): string {
  const { name, ext } = splitKey(context.fileName.split(/[\\/]/).pop() ?? "");
  const two = (value: number) => String(value).padStart(2, "0");
  const { now } = context;
  const fixed: Record<Exclude<KeyPlaceholder, "md5" | "random">, string> = {
    name,
    ext,
    yyyy: String(now.getFullYear()),
    MM: two(now.getMonth() + 1),
    dd: two(now.getDate()),
    HH: two(now.getHours()),
    mm: two(now.getMinutes()),
    ss: two(now.getSeconds()),
    timestamp: String(now.getTime()),
  };
  const filled = template.replace(PLACEHOLDER, (whole, placeholder: string, size?: string) => {
    const length = size === undefined ? undefined : Number(size);
    if (placeholder === "md5") return (context.md5 ?? "").slice(0, length ?? MAX_SIZE);
    if (placeholder === "random") return context.random(length ?? 6);
    return Object.hasOwn(fixed, placeholder) ? fixed[placeholder as keyof typeof fixed] : whole;
  });
  return filled
    .split("/")
    .filter((segment) => segment.length > 0)
    .join("/")
    .replace(/\.$/, "");
}
