import { z } from "zod";
import type { UploadItem } from "../uploads/batch";
import { splitKey } from "../uploads/naming-template";

/**
 * The links a designer copies (issue 16, point 3): a URL, Markdown, an HTML `<img>`, a
 * responsive `<img srcset>` or `<picture>` built from what one upload wrote, or a template
 * of their own. Pure: the main process supplies each object's shareable URL (custom domain
 * included) and these functions only write text.
 */

export const LINK_FORMATS = ["url", "markdown", "html", "srcset", "picture"] as const;
export type BuiltInLinkFormat = (typeof LINK_FORMATS)[number];

export const LINK_PLACEHOLDERS = ["url", "key", "name", "ext", "width", "height"] as const;
const LINK_PLACEHOLDER = /\{([^}]*)\}/g;

export const LINK_TEMPLATE_PROBLEM = "Placeholders are {url}, {key}, {name}, {ext}, {width} and {height}";

export const LinkTemplateSchema = z.object({
  id: z.string().min(1).max(64),
  label: z.string().trim().min(1).max(60),
  /** e.g. `[img]{url}[/img]` or `<img src="{url}" alt="{name}" loading="lazy">`. */
  template: z
    .string()
    .min(1)
    .max(2000)
    .refine((template) => linkTemplateProblems(template).length === 0, { message: LINK_TEMPLATE_PROBLEM }),
});
export type LinkTemplate = z.infer<typeof LinkTemplateSchema>;

/** Each connection's own templates, by connection id. */
export const LinkTemplatesSchema = z.record(z.string(), z.array(LinkTemplateSchema).max(20));
export type LinkTemplates = z.infer<typeof LinkTemplatesSchema>;

export const LinkFormatSchema = z.union([
  z.enum(LINK_FORMATS),
  z.object({ templateId: z.string().min(1).max(64) }).strict(),
]);
export type LinkFormat = z.infer<typeof LinkFormatSchema>;

/** A presigned link of a private bucket opens for 15 minutes at least and 7 days at most (COS's limit for them). */
export const PresignedExpirySchema = z
  .number()
  .int()
  .min(15 * 60)
  .max(7 * 24 * 60 * 60);

/** One object to link to, with its pixel size when COS reported it. */
export interface LinkedImage {
  url: string;
  key: string;
  width?: number;
  height?: number;
}

/** One output of a responsive set: where it is, how wide, in which format. */
export interface ImageCandidate {
  url: string;
  width: number;
  /** COS's format name of the output (`webp`, `avif`, `jpg`, …). */
  format: string;
}

/** An original and the outputs its rules wrote, for `srcset` and `<picture>`. */
export interface ResponsiveImage {
  original: LinkedImage;
  candidates: ImageCandidate[];
}

export function linkTemplateProblems(template: string): string[] {
  return [...template.matchAll(LINK_PLACEHOLDER)]
    .filter(([, name = ""]) => !(LINK_PLACEHOLDERS as readonly string[]).includes(name))
    .map(([whole]) => whole);
}

/** The alt text: the object's file name without its extension. */
function altOf(key: string): string {
  return splitKey(key).name;
}

function attribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function sizeAttributes(image: LinkedImage): string {
  return image.width && image.height ? ` width="${image.width}" height="${image.height}"` : "";
}

export function markdownLink(image: LinkedImage): string {
  const alt = altOf(image.key).replace(/([\\[\]])/g, "\\$1");
  // A space or parenthesis would end Markdown's link destination early.
  const url = image.url.replace(/ /g, "%20").replace(/\(/g, "%28").replace(/\)/g, "%29");
  return `![${alt}](${url})`;
}

export function htmlImage(image: LinkedImage): string {
  return `<img src="${attribute(image.url)}" alt="${attribute(altOf(image.key))}"${sizeAttributes(image)}>`;
}

export function templateLink(image: LinkedImage, template: string): string {
  const { name, ext } = splitKey(image.key);
  const values: Record<string, string> = {
    url: image.url,
    key: image.key,
    name,
    ext,
    width: image.width === undefined ? "" : String(image.width),
    height: image.height === undefined ? "" : String(image.height),
  };
  return template.replace(LINK_PLACEHOLDER, (whole, placeholder: string) => values[placeholder] ?? whole);
}

/** Formats a browser can be told about in `<source type>`; others (TPG, HEIF) stay out of responsive links. */
const MIME_OF_FORMAT: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
};

function mimeOf(format: string): string | undefined {
  return MIME_OF_FORMAT[format.toLowerCase()];
}

/** `url 400w, url 800w`, narrowest first, one candidate per width. */
export function srcsetOf(candidates: ImageCandidate[]): string {
  const byWidth = new Map<number, ImageCandidate>();
  for (const candidate of candidates)
    if (!byWidth.has(candidate.width)) byWidth.set(candidate.width, candidate);
  return [...byWidth.values()]
    .sort((a, b) => a.width - b.width)
    .map((candidate) => `${candidate.url} ${candidate.width}w`)
    .join(", ");
}

/** The original's own format family, which every browser shows: the `<img>`'s candidates. */
function fallbackCandidates(image: ResponsiveImage): ImageCandidate[] {
  const originalMime = mimeOf(splitKey(image.original.key).ext);
  const own = image.original.width
    ? [{ url: image.original.url, width: image.original.width, format: splitKey(image.original.key).ext }]
    : [];
  return [...image.candidates.filter((candidate) => mimeOf(candidate.format) === originalMime), ...own];
}

/** `<img srcset>` of the outputs in the original's format (else every widely shown output), the original as `src`. */
export function srcsetImage(image: ResponsiveImage, sizes = "100vw"): string {
  // An <img> cannot say a candidate's type: AVIF, which older browsers cannot show, waits for <picture>.
  const shown = image.candidates.filter((candidate) => {
    const mime = mimeOf(candidate.format);
    return mime !== undefined && mime !== "image/avif";
  });
  const fallback = fallbackCandidates(image);
  const set = srcsetOf(fallback.length > 1 ? fallback : [...shown, ...fallback]);
  const srcset = set ? ` srcset="${attribute(set)}" sizes="${attribute(sizes)}"` : "";
  const { original } = image;
  return `<img src="${attribute(original.url)}"${srcset} alt="${attribute(altOf(original.key))}"${sizeAttributes(original)}>`;
}

/** `<picture>`: one `<source>` per modern format (AVIF before WebP), the original's format in the `<img>`. */
export function pictureElement(image: ResponsiveImage, sizes = "100vw"): string {
  const originalMime = mimeOf(splitKey(image.original.key).ext);
  const byMime = new Map<string, ImageCandidate[]>();
  for (const candidate of image.candidates) {
    const mime = mimeOf(candidate.format);
    if (!mime || mime === originalMime) continue;
    byMime.set(mime, [...(byMime.get(mime) ?? []), candidate]);
  }
  const preference = ["image/avif", "image/webp"];
  const sources = [...byMime.entries()]
    .sort(([a], [b]) => rank(preference, a) - rank(preference, b))
    .map(
      ([mime, candidates]) =>
        `  <source type="${mime}" srcset="${attribute(srcsetOf(candidates))}" sizes="${attribute(sizes)}">`,
    );
  const fallback = fallbackCandidates(image);
  const set =
    fallback.length > 1 ? ` srcset="${attribute(srcsetOf(fallback))}" sizes="${attribute(sizes)}"` : "";
  const { original } = image;
  const img = `  <img src="${attribute(original.url)}"${set} alt="${attribute(altOf(original.key))}"${sizeAttributes(original)}>`;
  return ["<picture>", ...sources, img, "</picture>"].join("\n");
}

function rank(order: string[], value: string): number {
  const index = order.indexOf(value);
  return index === -1 ? order.length : index;
}

/** What one uploaded file became, from COS's answer: the original's size and each output's width. */
export function responsiveImageOf(
  item: Pick<UploadItem, "bucket" | "originalKey" | "resultKeys" | "result">,
  url: (bucket: string, key: string) => string,
): ResponsiveImage {
  const info = item.result?.originalInfo.imageInfo;
  const candidates = (item.result?.processResults ?? []).map((result) => {
    const bucket = item.resultKeys.find((target) => target.key === result.key)?.bucket ?? item.bucket;
    return { url: url(bucket, result.key), width: result.width, format: result.format };
  });
  return {
    original: {
      url: url(item.bucket, item.originalKey),
      key: item.originalKey,
      width: info?.width,
      height: info?.height,
    },
    candidates,
  };
}

/** One link in a built-in format or a template's; a plain image's responsive link is its `<img>`. */
export function linkOf(image: ResponsiveImage, format: BuiltInLinkFormat | LinkTemplate): string {
  if (typeof format !== "string") return templateLink(image.original, format.template);
  switch (format) {
    case "url":
      return image.original.url;
    case "markdown":
      return markdownLink(image.original);
    case "html":
      return htmlImage(image.original);
    case "srcset":
      return srcsetImage(image);
    case "picture":
      return pictureElement(image);
  }
}

/** Many links at once, one per line (a `<picture>` keeps its own lines). */
export function linksText(images: ResponsiveImage[], format: BuiltInLinkFormat | LinkTemplate): string {
  return images.map((image) => linkOf(image, format)).join("\n");
}
