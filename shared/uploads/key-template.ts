import { expandNamingTemplate, namingTemplateProblems, templateUses } from "./naming-template";

/**
 * Key templates name an original from its file and the moment it is uploaded, e.g.
 * `notes/{yyyy}/{MM}/{name}-{md5:8}.{ext}` — the "original" kind of the one naming engine
 * (naming-template.ts).
 */

export interface KeyContext {
  /** The file's own name, e.g. `Pasted image 20261202.png`; folders outside `dir` are not kept. */
  fileName: string;
  /** The file's folder relative to what was dropped (`shoot/day1`), for `{dir}`; none by default. */
  dir?: string;
  /** The moment that names the file; without it the date placeholders stay as written. */
  now?: Date;
  /** Hex MD5 of the file's bytes; needed only when the template names `{md5}`. */
  md5?: string;
  /** `length` random characters from [a-z0-9]. */
  random?(length: number): string;
  uuid?(): string;
}

/** Placeholders the template uses that do not exist for originals or take no such length. */
export function keyTemplateProblems(template: string): string[] {
  return namingTemplateProblems(template, "original");
}

export function keyTemplateNeedsMd5(template: string): boolean {
  return templateUses(template, "md5");
}

/** Fills a template. Empty folders collapse and the key never starts with `/`. */
export function expandKeyTemplate(template: string, context: KeyContext): string {
  const fileName = context.fileName.split(/[\\/]/).pop() ?? "";
  const path = context.dir ? `${context.dir}/${fileName}` : fileName;
  return expandNamingTemplate(template, { ...context, path }, false);
}
