import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cosRequest, type Harness, startHarness, xmlField, xmlFields } from "./harness";

/** ~2,500 keys with mixed nesting and characters whose UTF-16 and UTF-8 orders differ. */
function fixtureKeys(): string[] {
  const keys: string[] = [];
  for (let i = 0; i < 500; i++) {
    const n = String(i).padStart(3, "0");
    keys.push(
      `flat-${n}.jpg`,
      `a/${n}.png`,
      `a/b/${n}.webp`,
      `c/d/e/${n}`,
      i % 2 ? `\u{1F600}/${n}` : `\uFF01/${n}`,
    );
  }
  keys.push("a/", "z");
  return keys;
}

const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** What a v1 listing must return, all pages together: the spec written the simple way. */
function expectedEntries(keys: string[], prefix: string, delimiter: string) {
  const entries = new Map<string, "key" | "prefix">();
  for (const key of keys) {
    if (!key.startsWith(prefix)) continue;
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    if (cut < 0) entries.set(key, "key");
    else entries.set(key.slice(0, cut + delimiter.length), "prefix");
  }
  return [...entries.entries()].sort(([a], [b]) => byUtf8(a, b));
}

let h: Harness;
const keys = fixtureKeys();

beforeAll(async () => {
  h = await startHarness();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < keys.length) {
        const key = keys[next++] as string;
        const answer = await cosRequest(h.bucket, { method: "PUT", key, body: key.endsWith("/") ? "" : key });
        if (answer.status !== 200) throw new Error(`PUT ${key}: ${answer.status} ${answer.text}`);
      }
    }),
  );
}, 120_000);
afterAll(async () => {
  await h.dispose();
});

interface Page {
  keys: string[];
  prefixes: string[];
  truncated: boolean;
  nextMarker: string | undefined;
}

async function listPage(query: Record<string, string>): Promise<Page> {
  const answer = await cosRequest(h.bucket, { query });
  expect(answer.status).toBe(200);
  const contents = xmlFields(answer.text.replace(/<CommonPrefixes>.*?<\/CommonPrefixes>/g, ""), "Key");
  const prefixes = [
    ...answer.text.matchAll(/<CommonPrefixes><Prefix>([^<]*)<\/Prefix><\/CommonPrefixes>/g),
  ].map((m) => m[1] ?? "");
  return {
    keys: contents,
    prefixes,
    truncated: xmlField(answer.text, "IsTruncated") === "true",
    nextMarker: xmlField(answer.text, "NextMarker"),
  };
}

async function listAll(prefix: string, delimiter: string, maxKeys: number) {
  const seen: [string, "key" | "prefix"][] = [];
  let marker = "";
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await listPage({ prefix, delimiter, marker, "max-keys": String(maxKeys) });
    const entries = [
      ...page.keys.map((k) => [k, "key"] as [string, "key"]),
      ...page.prefixes.map((p) => [p, "prefix"] as [string, "prefix"]),
    ].sort(([a], [b]) => byUtf8(a, b));
    expect(entries.length).toBeLessThanOrEqual(maxKeys);
    seen.push(...entries);
    if (!page.truncated) {
      expect(page.nextMarker).toBeUndefined();
      return seen;
    }
    // NextMarker is the last key or common prefix of the page.
    expect(page.nextMarker).toBe(entries.at(-1)?.[0]);
    marker = page.nextMarker as string;
  }
  throw new Error("listing never ended");
}

describe("GET Bucket (list objects v1)", () => {
  it("lists every key exactly once, in UTF-8 byte order, across pages of 1000 and of 333", async () => {
    const expected = expectedEntries(keys, "", "");
    expect(expected.length).toBe(2502);
    expect(await listAll("", "", 1000)).toEqual(expected);
    expect(await listAll("", "", 333)).toEqual(expected);
  });

  it("rolls keys into CommonPrefixes with a delimiter, paging through prefixes and keys", async () => {
    const expected = expectedEntries(keys, "", "/");
    // UTF-16 order would put U+1F600 (a surrogate pair) before U+FF01; UTF-8 byte order is the reverse.
    expect(expected.slice(-2)).toEqual([
      ["\uFF01/", "prefix"],
      ["\u{1F600}/", "prefix"],
    ]);
    expect(await listAll("", "/", 7)).toEqual(expected);
    expect(await listAll("", "/", 1)).toEqual(expected);
  });

  it("lists inside a prefix: its keys (including the folder marker) and its sub-prefixes", async () => {
    const expected = expectedEntries(keys, "a/", "/");
    expect(expected[0]).toEqual(["a/", "key"]);
    expect(expected).toContainEqual(["a/b/", "prefix"]);
    expect(await listAll("a/", "/", 100)).toEqual(expected);
    expect(await listAll("c/d/", "/", 1000)).toEqual([["c/d/e/", "prefix"]]);
  });

  it("defaults max-keys to 1000 and caps it there", async () => {
    const page = await listPage({ "max-keys": "5000" });
    expect(page.keys.length).toBe(1000);
    expect(page.truncated).toBe(true);
    const unlimited = await cosRequest(h.bucket, {});
    expect(xmlField(unlimited.text, "MaxKeys")).toBe("1000");
    expect(xmlFields(unlimited.text, "Key").length).toBe(1000);
  });

  it("url-encodes names with encoding-type=url", async () => {
    const answer = await cosRequest(h.bucket, {
      query: { prefix: "\u{1F600}/", "max-keys": "1", "encoding-type": "url" },
    });
    expect(xmlField(answer.text, "EncodingType")).toBe("url");
    expect(xmlField(answer.text, "Prefix")).toBe("%F0%9F%98%80/");
    expect(xmlField(answer.text, "Key")).toBe("%F0%9F%98%80/001");
  });

  it("gives each Contents its ETag, Size and StorageClass", async () => {
    const answer = await cosRequest(h.bucket, { query: { prefix: "z" } });
    expect(answer.text).toContain(`<Key>z</Key><LastModified>`);
    expect(xmlField(answer.text, "ETag")).toMatch(/^&quot;[0-9a-f]{32}&quot;$/);
    expect(xmlField(answer.text, "Size")).toBe("1");
    expect(xmlField(answer.text, "StorageClass")).toBe("STANDARD");
    expect(xmlField(answer.text, "LastModified")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
