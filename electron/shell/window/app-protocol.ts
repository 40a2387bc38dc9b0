import { readFile } from "node:fs/promises";
import path from "node:path";
import { protocol } from "electron";
import { APP_SCHEME } from "../../../shared/ipc/bridge";
import type { MediaStore } from "../../media/media-store";
import { contentTypeFor } from "../../mime-types";

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Must run before `app.ready`: makes app:// a standard, secure origin with fetch support. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer from `rendererDir` as app://picops/…, with the CSP on every
 * answer, and the main process's images at app://picops/media/<id>. A path that resolves
 * outside the folder is a 404, never a file.
 */
export function serveRenderer(rendererDir: string, media: MediaStore): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith("/media/")) {
      const item = media.get(pathname);
      if (!item) return new Response("Not found", { status: 404 });
      // Buffers from sharp and fs are never backed by shared memory, which is all the cast rules out.
      return new Response(item.bytes as Buffer<ArrayBuffer>, {
        headers: { "Content-Type": item.mimeType, "X-Content-Type-Options": "nosniff" },
      });
    }
    const file = path.resolve(root, `.${decodeURIComponent(pathname === "/" ? "/index.html" : pathname)}`);
    if (!file.startsWith(root + path.sep)) return new Response("Not found", { status: 404 });
    try {
      return new Response(await readFile(file), {
        headers: {
          "Content-Type": contentTypeFor(file),
          "Content-Security-Policy": CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options": "nosniff",
        },
      });
    } catch {
      return new Response("Not found", { status: 404 });
    }
  });
}
