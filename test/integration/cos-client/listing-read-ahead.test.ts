import diagnostics from "node:diagnostics_channel";
import { describe, expect, it } from "vitest";
import type { ListBucketResult } from "../../../electron/cos/xml";
import { errorXml, fakeCosWithClient } from "./fake-cos";

const BUCKET = "examplebucket-1250000000";

/** Page `n` of a three-page folder listing, laid out as COS lays it out: NextMarker before the entries. */
function pageXml(n: number): string {
  const keys = [1, 2].map((i) => `shoot%2F${n}-${i}.jpg`);
  const truncated = n < 3;
  return [
    "<?xml version='1.0' encoding='utf-8' ?>",
    `<ListBucketResult><Name>${BUCKET}</Name><EncodingType>url</EncodingType><Prefix>shoot%2F</Prefix>`,
    `<Marker>${n === 1 ? "" : `shoot%2F${n - 1}-2.jpg`}</Marker><MaxKeys>2</MaxKeys><Delimiter>%2F</Delimiter>`,
    `<IsTruncated>${truncated}</IsTruncated>${truncated ? `<NextMarker>${keys[1]}</NextMarker>` : ""}`,
    ...keys.map(
      (key) =>
        `<Contents><Key>${key}</Key><LastModified>2026-12-01T00:00:00.000Z</LastModified><ETag>&quot;e&quot;</ETag><Size>1</Size></Contents>`,
    ),
    "</ListBucketResult>",
  ].join("");
}

/** The page a request asks for, by its marker. */
function pageAsked(url: string): number {
  const marker = new URL(url, "http://cos").searchParams.get("marker") ?? "";
  return marker === "" ? 1 : Number(/^shoot\/(\d)-2\.jpg$/.exec(marker)?.[1]) + 1;
}

/**
 * A fake COS serving the three pages; `failing` pages answer 403. `asked(n)` resolves once
 * page n has been asked for.
 */
async function listingServer(failing: number[] = []) {
  const waiting = new Map<number, () => void>();
  const seen = new Set<number>();
  const asked = (n: number) =>
    seen.has(n) ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(n, resolve));
  const { fake, client } = await fakeCosWithClient(
    [
      (request, response) => {
        const n = pageAsked(request.url ?? "");
        seen.add(n);
        waiting.get(n)?.();
        request.resume();
        if (failing.includes(n)) {
          response.writeHead(403, { "content-type": "application/xml" });
          response.end(errorXml("AccessDenied", "Access Denied."));
        } else {
          response.writeHead(200, { "content-type": "application/xml" });
          response.end(pageXml(n));
        }
      },
    ],
    { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
  );
  return { client, asked, requests: fake.requests };
}

const keysOf = (pages: ListBucketResult[]) =>
  pages.flatMap((page) => page.contents.map((object) => object.key));
const input = { bucket: BUCKET, prefix: "shoot/", delimiter: "/", maxKeys: 2 };

describe("reading a listing ahead", () => {
  it("asks for the next page before handing this one over, and yields the same pages as reading in turn", async () => {
    const server = await listingServer();
    const ahead: ListBucketResult[] = [];
    for await (const page of server.client.listObjectPages({ ...input, readAhead: true })) {
      // The page after this one is on its way already, though nothing has asked for it yet.
      if (page.isTruncated) await server.asked(pageAsked(`?marker=${page.nextMarker}`));
      ahead.push(page);
    }
    expect(server.requests.map((request) => pageAsked(request.url))).toEqual([1, 2, 3]);

    const inTurn: ListBucketResult[] = [];
    for await (const page of server.client.listObjectPages(input)) inTurn.push(page);
    expect(ahead).toEqual(inTurn);
    expect(keysOf(ahead)).toEqual(
      ["1-1", "1-2", "2-1", "2-2", "3-1", "3-2"].map((name) => `shoot/${name}.jpg`),
    );
  });

  it("has the page ahead asked for on the wire before this page is parsed and handed over", async () => {
    const server = await listingServer();
    // Two keep-alive connections, as a client that has listed before holds: the request ahead
    // goes out on one while the page before it is still being read from the other.
    await Promise.all([server.client.listObjects(input), server.client.listObjects(input)]);
    const events: string[] = [];
    const written = (message: unknown) =>
      events.push(`asked ${pageAsked((message as { request: { path: string } }).request.path)}`);
    diagnostics.subscribe("undici:client:sendHeaders", written);
    try {
      for await (const page of server.client.listObjectPages({ ...input, readAhead: true }))
        events.push(`handed ${page.contents[0]?.key.slice("shoot/".length, -".jpg".length)}`);
    } finally {
      diagnostics.unsubscribe("undici:client:sendHeaders", written);
    }
    expect(events).toEqual(["asked 1", "asked 2", "handed 1-1", "asked 3", "handed 2-1", "handed 3-1"]);
  });

  it("asks for a shorter first page when told, and full pages after it", async () => {
    const server = await listingServer();
    const pages: ListBucketResult[] = [];
    for await (const page of server.client.listObjectPages({ ...input, maxKeys: 1000, firstMaxKeys: 2 }))
      pages.push(page);
    const maxKeys = server.requests.map((request) =>
      new URL(request.url, "http://cos").searchParams.get("max-keys"),
    );
    expect(maxKeys).toEqual(["2", "1000", "1000"]);
    expect(keysOf(pages)).toHaveLength(6);
  });

  it("lets a listing stopped early go, leaving the failure of the page asked ahead unreported", async () => {
    const server = await listingServer([2]);
    for await (const page of server.client.listObjectPages({ ...input, readAhead: true })) {
      expect(keysOf([page])).toEqual(["shoot/1-1.jpg", "shoot/1-2.jpg"]);
      await server.asked(2);
      break;
    }
    // The client is still usable, and an unhandled rejection would have failed this test.
    expect(keysOf([await server.client.listObjects({ ...input, marker: "shoot/2-2.jpg" })])).toEqual([
      "shoot/3-1.jpg",
      "shoot/3-2.jpg",
    ]);
  });

  it("reports the failure of the page asked ahead to a caller that reads on", async () => {
    const server = await listingServer([2]);
    const read: string[] = [];
    const listing = (async () => {
      for await (const page of server.client.listObjectPages({ ...input, readAhead: true }))
        read.push(...keysOf([page]));
    })();
    await expect(listing).rejects.toMatchObject({ code: "AccessDenied" });
    expect(read).toEqual(["shoot/1-1.jpg", "shoot/1-2.jpg"]);
  });
});
