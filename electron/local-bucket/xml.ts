import { XMLParser } from "fast-xml-parser";

/**
 * The XML COS speaks: a tiny element writer (COS documents are small and flat, and exact
 * control over element order matters to strict clients) and one parser for request bodies.
 */

export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | number | boolean | XmlNode | XmlNode[] | undefined;

export const XML_DECLARATION = "<?xml version='1.0' encoding='utf-8' ?>\n";

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;",
  );
}

function element(name: string, value: XmlValue): string {
  if (value === undefined) return "";
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join("");
  if (typeof value === "object") return `<${name}>${children(value)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function children(node: XmlNode): string {
  return Object.entries(node)
    .map(([name, value]) => element(name, value))
    .join("");
}

/** A whole document: `{ ListBucketResult: {...} }` → declaration + root element. */
export function xmlDocument(root: string, body: XmlNode): string {
  return `${XML_DECLARATION}${element(root, body)}`;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  processEntities: true,
});

/** Parses a request body; undefined when it is not well-formed XML. */
export function parseXml(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = parser.parse(text, true);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Repeated elements come back as an array, a single one as a value: always an array here. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === "") return [];
  return Array.isArray(value) ? value : [value];
}

export function textOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}
