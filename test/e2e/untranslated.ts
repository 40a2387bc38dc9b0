/// <reference lib="dom" />
import type { Page } from "@playwright/test";
import { GRAVITY_NAMES, RULE_LIMITS } from "../../shared/rules";
import { MOGR2_OPERATIONS } from "../../shared/rules/vocabulary";

/**
 * Words that stay as they are in the Chinese interface: product and service names, file
 * formats, units, protocol and COS API names a designer meets in COS's own console and
 * documents, key names as printed on keyboards, and the rule language's own words
 * (operations, parameters, gravities), which rule problems quote as COS writes them.
 */
const KEPT_WORDS = new Set(
  [
    // Products and services.
    "Picops",
    "COS",
    "Tencent",
    // Image formats.
    "JPEG",
    "JPG",
    "PNG",
    "WebP",
    "GIF",
    "AVIF",
    "HEIF",
    "BMP",
    "YJPEG",
    "TPG",
    "CSV",
    "JSON",
    // Link formats a designer pastes into, named as the web names them.
    "Markdown",
    "HTML",
    // Units.
    "KB",
    "MB",
    "GB",
    "px",
    // Protocol and COS API names.
    "ETag",
    "URL",
    "MD5",
    "ACL",
    "fileid",
    "SecretId",
    "SecretKey",
    "APPID",
    "BucketName",
    "STANDARD",
    "GrantFullControl",
    "GrantRead",
    "Expires",
    "TrafficLimit",
    // Keys.
    "Alt",
    "Ctrl",
    "Shift",
    "Enter",
    ...MOGR2_OPERATIONS,
    ...Object.entries(RULE_LIMITS).flatMap(([operation, parameters]) => [
      operation,
      ...Object.keys(parameters),
    ]),
    ...Object.values(GRAVITY_NAMES),
  ].map((word) => word.toLowerCase()),
);

/** Every piece of text a designer can see or hear: visible text nodes and the names and hints on elements. */
function collectShownText(): string[] {
  const shown: string[] = [];
  const visible = (element: Element) =>
    element.checkVisibility({ opacityProperty: false, visibilityProperty: true }) ||
    // Visually hidden text (live regions, radio inputs) is still read out.
    element.closest(".visually-hidden") !== null;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = node.textContent?.trim();
    // COS's own words are quoted as COS wrote them and marked so (`lang="en"`).
    if (!parent || !text || parent.closest('script, style, textarea, [lang="en"]')) continue;
    // A closed select shows only its chosen option.
    const option = parent.closest("option");
    if (option && !option.selected) continue;
    if (visible(option?.closest("select") ?? parent)) shown.push(text);
  }
  for (const element of Array.from(
    document.body.querySelectorAll("[aria-label], [title], [placeholder], [aria-valuetext]"),
  )) {
    if (!visible(element) || element.closest('[lang="en"]')) continue;
    for (const name of ["aria-label", "title", "placeholder", "aria-valuetext"]) {
      const value = element.getAttribute(name)?.trim();
      if (value) shown.push(value);
    }
  }
  return shown;
}

/**
 * English words shown on the page, as `word — in "text"`, outside the kept words and the
 * values the test itself put there (file names, keys, rules). A chunk with digits, slashes,
 * dots, dashes and the like is a value — a key, a rule, a size, a host — not prose.
 */
export async function untranslatedWords(page: Page, values: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const text of await page.evaluate(collectShownText)) {
    // Placeholders of templates ({name}) are syntax the designer types, not words.
    let prose = text.replace(/\{\w+\}/g, " ");
    for (const value of values) prose = prose.split(value).join(" ");
    for (const chunk of prose.split(/[\s()[\]{}（）“”"'‘’,，、;；：。·…]+/)) {
      const bare = chunk.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      if (/[\d/._\-@:=*<>!|+#%&?~\\$]/.test(bare)) continue;
      for (const word of bare.match(/[A-Za-z]{2,}/g) ?? []) {
        if (!KEPT_WORDS.has(word.toLowerCase())) found.add(`${word} — in "${text}"`);
      }
    }
  }
  return [...found];
}
