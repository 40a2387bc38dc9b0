import { resolveFileId } from "../rules/pic-operations";

/**
 * The one naming-template engine (issue 16, point 2): originals are named by a key template
 * (`notes/{yyyy}/{MM}/{name}-{md5:8}.{ext}`) and outputs by a `fileid` template relative to
 * their original (`{name}_w800.{format}`). Both expand here; they differ only in which
 * placeholders they may use. Pure: the caller supplies the time, the file's MD5, and the
 * randomness, so a plan computed twice names every file the same way.
 */

export const NAMING_PLACEHOLDERS = [
  "name",
  "ext",
  "dir",
  "key",
  "format",
  "yyyy",
  "MM",
  "dd",
  "HH",
  "mm",
  "ss",
  "timestamp",
  "md5",
  "random",
  "uuid",
] as const;
export type NamingPlaceholder = (typeof NAMING_PLACEHOLDERS)[number];

export type NamingKind = "original" | "output";

/**
 * An output keeps only what follows from its original: processing the same original again
 * must land on the same key, so time, hashes and randomness are the original's to carry.
 * An original has no `{key}` or `{format}` yet: they are what its template makes.
 */
export const PLACEHOLDERS_OF: Record<NamingKind, readonly NamingPlaceholder[]> = {
  original: [
    "name",
    "ext",
    "dir",
    "yyyy",
    "MM",
    "dd",
    "HH",
    "mm",
    "ss",
    "timestamp",
    "md5",
    "random",
    "uuid",
  ],
  output: ["dir", "name", "ext", "key", "format"],
};

/** Placeholders that take a length, as `{md5:8}` or `{random:6}`. */
const SIZED: readonly NamingPlaceholder[] = ["md5", "random"];
const PLACEHOLDER = /\{([^}:]*)(?::(\d+))?\}/g;
const MAX_SIZE = 32;
const DEFAULT_RANDOM_LENGTH = 6;

export interface NamingContext {
  /** Where `{dir}`, `{name}` and `{ext}` come from: the original's key, or the file's path relative to what was dropped. */
  path: string;
  /** Output format the rule asks for (`webp`); `{format}` falls back to `{ext}`. */
  format?: string;
  /** The moment that names the file; needed for the date and time placeholders. */
  now?: Date;
  /** Hex MD5 of the file's bytes; needed only when the template names `{md5}`. */
  md5?: string;
  /** `length` random characters from [a-z0-9]. */
  random?(length: number): string;
  uuid?(): string;
}

export function splitKey(key: string): { dir: string; name: string; ext: string } {
  const slash = key.lastIndexOf("/");
  const dir = slash >= 0 ? key.slice(0, slash) : "";
  const file = key.slice(slash + 1);
  const dot = file.lastIndexOf(".");
  return dot > 0 ? { dir, name: file.slice(0, dot), ext: file.slice(dot + 1) } : { dir, name: file, ext: "" };
}

/** Placeholders the template uses that this kind does not have or that take no such length, for the form to mark. */
export function namingTemplateProblems(template: string, kind: NamingKind): string[] {
  const allowed: readonly string[] = PLACEHOLDERS_OF[kind];
  return [...template.matchAll(PLACEHOLDER)]
    .filter(([, name = "", size]) => {
      if (!allowed.includes(name)) return true;
      if (size === undefined) return false;
      const length = Number(size);
      return !(SIZED as readonly string[]).includes(name) || length < 1 || length > MAX_SIZE;
    })
    .map(([whole]) => whole);
}

export function templateUses(template: string, placeholder: NamingPlaceholder): boolean {
  return [...template.matchAll(PLACEHOLDER)].some(([, name]) => name === placeholder);
}

/**
 * Fills a template. Empty folders collapse and a trailing dot goes (`{name}.{ext}` of a file
 * without extension). A leading `/` stays only when `keepAbsolute`: it makes an output's
 * fileid absolute in the bucket, while an original's key never starts with `/`.
 */
export function expandNamingTemplate(
  template: string,
  context: NamingContext,
  keepAbsolute: boolean,
): string {
  const parts = splitKey(context.path);
  const two = (value: number) => String(value).padStart(2, "0");
  const { now } = context;
  const values: Partial<Record<NamingPlaceholder, string>> = {
    ...parts,
    key: context.path,
    format: context.format ?? parts.ext,
    ...(now && {
      yyyy: String(now.getFullYear()),
      MM: two(now.getMonth() + 1),
      dd: two(now.getDate()),
      HH: two(now.getHours()),
      mm: two(now.getMinutes()),
      ss: two(now.getSeconds()),
      timestamp: String(now.getTime()),
    }),
  };
  const filled = template.replace(PLACEHOLDER, (whole, placeholder: string, size?: string) => {
    const length = size === undefined ? undefined : Number(size);
    if (placeholder === "md5") return (context.md5 ?? "").slice(0, length ?? MAX_SIZE);
    if (placeholder === "random") return context.random?.(length ?? DEFAULT_RANDOM_LENGTH) ?? "";
    if (placeholder === "uuid") return context.uuid?.() ?? "";
    return values[placeholder as NamingPlaceholder] ?? whole;
  });
  const collapsed = filled
    .split("/")
    .filter((segment) => segment.length > 0)
    .join("/")
    .replace(/\.$/, "");
  return keepAbsolute && template.startsWith("/") ? `/${collapsed}` : collapsed;
}

/** The file every live example names: a photo in a shoot's folder, with a fixed hash and randomness. */
export const EXAMPLE_FILE = {
  path: "shoot/IMG_2041.jpg",
  md5: "9e107d9d372bb6826bd81d3542a419d6",
  uuid: "3f2c8a4e-7b1d-4c6e-9a0f-5d2b8e1c7a64",
} as const;
const EXAMPLE_RANDOM = "k3x9q2m7p4w8z1n5b6v0c2d8f3g7h1j4";

/**
 * The key a template gives the example file at `now`, for the live example under the field.
 * An output's example is the key its fileid resolves to beside the example original.
 */
export function exampleKey(template: string, kind: NamingKind, now: Date, format?: string): string {
  const context: NamingContext = {
    path: EXAMPLE_FILE.path,
    format,
    now,
    md5: EXAMPLE_FILE.md5,
    random: (length) => EXAMPLE_RANDOM.slice(0, length),
    uuid: () => EXAMPLE_FILE.uuid,
  };
  if (kind === "original") return expandNamingTemplate(template, context, false);
  return resolveFileId(EXAMPLE_FILE.path, expandNamingTemplate(template, context, true));
}
