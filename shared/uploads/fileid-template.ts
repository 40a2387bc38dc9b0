import { expandNamingTemplate, namingTemplateProblems } from "./naming-template";

/**
 * `fileid` templates: how a designer names each rule's output relative to its original,
 * e.g. `{name}_w800.{ext}` or `/thumbs/{dir}/{name}.webp` — the "output" kind of the one
 * naming engine (naming-template.ts). Expansion gives the fileid sent to COS;
 * `resolveFileId` (shared/rules) then applies COS's relative/absolute semantics.
 */

export { splitKey } from "./naming-template";

export interface FileIdContext {
  /** The original's object key, e.g. `shoots/2026/cat.jpg`. */
  key: string;
  /** Output format the rule asks for (`webp`), when it asks for one. */
  format?: string;
}

/** Placeholders the template uses that outputs do not have, for the form to mark in place. */
export function unknownPlaceholders(template: string): string[] {
  return namingTemplateProblems(template, "output");
}

/**
 * Fills a template. Empty pieces collapse (`/{dir}/x` at the bucket root is `/x`), and
 * `{format}` falls back to the original's extension when the rule keeps the format.
 */
export function expandFileIdTemplate(template: string, context: FileIdContext): string {
  return expandNamingTemplate(template, { path: context.key, format: context.format }, true);
}

/**
 * The output name a rule slot gets from its preset: `{name}_<preset-slug>.{format}`, e.g.
 * "Thumbnail 800" → `{name}_thumbnail-800.{format}`, so outputs say which rule made them.
 * Letters of any script are kept (a 简体中文 name stays readable); a name with none is numbered.
 */
export function presetOutputName(presetName: string, slotNumber: number): string {
  const slug = presetName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return `{name}_${slug || slotNumber}.{format}`;
}

/** The output name of a slot added without a preset. */
export function numberedOutputName(slotNumber: number): string {
  return `{name}_${slotNumber}.{format}`;
}
