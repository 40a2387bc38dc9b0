import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { PicGoRefusal } from "./answers";

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

/**
 * Who may upload: programs on this computer, never a web page. Browsers put an `Origin` on
 * every cross-site POST (fetch and forms alike), so a request that carries a web origin —
 * http(s), or `null` from a sandboxed frame or a file — is a page trying to post and is
 * refused; editors send none, or their own app scheme (`app://obsidian.md`). The Host must
 * be a loopback name, which defeats DNS rebinding. With a key set, `?key=` must match.
 */
export function checkCaller(request: IncomingMessage, url: URL, key: string): void {
  if (!LOOPBACK_HOST.test(request.headers.host ?? "")) {
    throw new PicGoRefusal("Picops answers uploads addressed to 127.0.0.1 or localhost only.", 403);
  }
  const origin = request.headers.origin;
  if (origin !== undefined && isWebOrigin(origin)) {
    throw new PicGoRefusal(
      `Picops does not take uploads from web pages (this request came from ${origin}).`,
      403,
    );
  }
  if (key !== "" && !sameKey(url.searchParams.get("key") ?? "", key)) {
    throw new PicGoRefusal(
      "The key is missing or wrong: add ?key=… to the upload address, as set in Picops's Editor uploads.",
    );
  }
}

function isWebOrigin(origin: string): boolean {
  return origin === "null" || /^https?:/i.test(origin);
}

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
