/**
 * A one-pass scanner for the element-only XML COS answers a listing or an upload with: tags,
 * text and the five XML entities, nothing else. Every upload with rules is answered by an
 * UploadResult, a listing's own elements come around its entries (which `xml-listing.ts`
 * reads, or this when they are unusual), and the general parser spends most of its time on
 * features these documents never use.
 * The scanner builds the same tree the general parser builds with the options in `xml.ts`
 * (leaves as verbatim strings, `""` for empty elements, arrays for repeated elements; the
 * whitespace between elements, which nothing reads, is not kept as `#text`), and answers
 * undefined for anything outside that subset — comments, CDATA, a DOCTYPE, other entities,
 * a document that is not well-formed — so the caller falls back to the general parser,
 * which reads or refuses it exactly as before.
 */

export type XmlNode = Record<string, unknown>;

/**
 * The repeated elements' paths as a tree of element names: each element finds its place
 * from its parent's, where a path string built per element would cost a concatenation and
 * a hash on every one of a listing's 8,000 elements.
 */
interface PathNode {
  repeated: boolean;
  readonly children: Map<string, PathNode>;
}

const pathTrees = new WeakMap<ReadonlySet<string>, PathNode>();

function pathTree(repeated: ReadonlySet<string>): PathNode {
  const known = pathTrees.get(repeated);
  if (known) return known;
  const root: PathNode = { repeated: false, children: new Map() };
  for (const path of repeated) {
    let node = root;
    for (const name of path.split(".")) {
      const next = node.children.get(name) ?? { repeated: false, children: new Map() };
      node.children.set(name, next);
      node = next;
    }
    node.repeated = true;
  }
  pathTrees.set(repeated, root);
  return root;
}

interface OpenElement {
  readonly name: string;
  /** Its place among the repeated elements' paths; undefined once off every such path. */
  readonly place: PathNode | undefined;
  /** The element's children once it has one; undefined while it is a leaf. */
  node: XmlNode | undefined;
  /** Where its text starts, to slice it when it turns out to be a leaf. */
  readonly textStart: number;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/** `&name;`, `&#ddd;` or `&#xhh;`. */
const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]*);/g;

/**
 * The text with its entities decoded, or undefined when it holds a reference the scanner
 * leaves to the general parser: a carriage return, a named entity other than XML's five, or a
 * numeric one outside printable ASCII (where the general parser's rules on control characters apply).
 */
export function decodeText(raw: string): string | undefined {
  // The general parser normalises line ends (`\r\n` → `\n`); such rare keys are left to it.
  if (raw.includes("\r")) return undefined;
  if (!raw.includes("&")) return raw;
  // Every ETag in a listing is `&quot;…&quot;`: one native replace, not a callback per reference.
  const quoted = raw.replaceAll("&quot;", '"');
  if (!quoted.includes("&")) return quoted;
  let unsupported = false;
  let references = 0;
  const decoded = raw.replace(ENTITY, (whole, name: string) => {
    references++;
    if (name.startsWith("#")) {
      const code = name[1] === "x" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      if (code >= 0x20 && code <= 0x7e) return String.fromCharCode(code);
    } else {
      const named = NAMED_ENTITIES[name];
      if (named !== undefined) return named;
    }
    unsupported = true;
    return whole;
  });
  // An `&` that begins no reference is not well-formed: the general parser says so.
  if (unsupported || ampersands(raw) !== references) return undefined;
  return decoded;
}

function ampersands(text: string): number {
  let count = 0;
  for (let at = text.indexOf("&"); at !== -1; at = text.indexOf("&", at + 1)) count++;
  return count;
}

/** Whether a quote (`"` or `'`) stands between `from` and `to`. */
function quoted(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c === 0x22 || c === 0x27) return true;
  }
  return false;
}

/** Index just past the `>` closing the tag opened at `from`, skipping quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  const close = xml.indexOf(">", from);
  if (close === -1) return -1;
  if (!quoted(xml, from, close)) return close + 1;
  let quote = "";
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote !== "") {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c as string;
    else if (c === ">") return i + 1;
  }
  return -1;
}

/** The name of a tag: up to whitespace, `/` or `>`. */
function tagName(xml: string, from: number, end: number): string {
  let stop = from;
  while (stop < end) {
    const c = xml.charCodeAt(stop);
    if (c === 0x2f || c === 0x3e || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) break;
    stop++;
  }
  return xml.slice(from, stop);
}

function addChild(parent: XmlNode, name: string, place: PathNode | undefined, value: unknown) {
  const existing = parent[name];
  if (place?.repeated) {
    if (Array.isArray(existing)) existing.push(value);
    else parent[name] = [value];
  } else if (existing === undefined) parent[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else parent[name] = [existing, value];
}

/**
 * The document as the general parser would give it, or undefined when the scanner leaves it
 * to that parser. `repeated` holds the paths (`Root.Child`) that are always arrays.
 */
export function scanXml(xml: string, repeated: ReadonlySet<string>): XmlNode | undefined {
  const tree = pathTree(repeated);
  const document: XmlNode = {};
  const open: OpenElement[] = [];
  let at = xml.indexOf("<");
  while (at !== -1) {
    const next = xml[at + 1];
    if (next === "!") return undefined;
    if (next === "?") {
      const end = xml.indexOf("?>", at + 2);
      if (end === -1 || open.length > 0) return undefined;
      at = xml.indexOf("<", end + 2);
      continue;
    }
    const end = tagEnd(xml, at + 1);
    if (end === -1) return undefined;
    if (next === "/") {
      const element = open.pop();
      if (element === undefined || tagName(xml, at + 2, end - 1) !== element.name) return undefined;
      let value: unknown = element.node;
      if (value === undefined) {
        value = decodeText(xml.slice(element.textStart, at));
        if (value === undefined) return undefined;
      }
      const parent = open.at(-1);
      if (parent) {
        parent.node ??= {};
        addChild(parent.node, element.name, element.place, value);
      } else addChild(document, element.name, element.place, value);
    } else {
      const name = tagName(xml, at + 1, end - 1);
      if (name === "") return undefined;
      const parent = open.at(-1);
      const place = (parent ? parent.place : tree)?.children.get(name);
      if (xml[end - 2] === "/") {
        if (parent) {
          parent.node ??= {};
          addChild(parent.node, name, place, "");
        } else addChild(document, name, place, "");
      } else {
        open.push({ name, place, node: undefined, textStart: end });
      }
    }
    at = xml.indexOf("<", end);
  }
  return open.length === 0 ? document : undefined;
}
