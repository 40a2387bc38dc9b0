import type { IncomingMessage } from "node:http";
import { PicGoRefusal } from "./answers";

/**
 * The three uploads PicGo's server takes on `POST /upload` (its documentation, and what
 * Typora, Obsidian's Image Auto Upload and the VS Code extensions send):
 * - JSON `{"list": ["/abs/path.png", …]}`: files on this computer, by path;
 * - `multipart/form-data`: the files themselves (PicGo names the field `files`, Obsidian
 *   `list`, PicList takes any: so does Picops);
 * - no body, or an empty list: the image on the clipboard.
 */
export type EditorRequest =
  | { kind: "paths"; paths: string[] }
  | { kind: "files"; files: PostedFile[] }
  | { kind: "clipboard" };

export interface PostedFile {
  /** The name the sender gave, folders removed. */
  name: string;
  bytes: Uint8Array;
}

/** Paths are short; a list of them is far below this. */
export const MAX_JSON_BYTES = 1024 * 1024;
/** A few pasted images at COS's 32 MB each; the body is held in memory while it is read. */
export const MAX_FORM_BYTES = 96 * 1024 * 1024;
export const MAX_FILES_PER_REQUEST = 50;

export async function readEditorRequest(request: IncomingMessage): Promise<EditorRequest> {
  // The boundary is case-sensitive: only the media type is compared without case.
  const type = request.headers["content-type"] ?? "";
  const isForm = type.toLowerCase().startsWith("multipart/form-data");
  const body = await readBody(request, isForm ? MAX_FORM_BYTES : MAX_JSON_BYTES);
  if (isForm) return { kind: "files", files: await formFiles(type, body) };
  if (body.length === 0) return { kind: "clipboard" };
  const paths = pathList(body);
  return paths.length === 0 ? { kind: "clipboard" } : { kind: "paths", paths };
}

/**
 * Reads the body up to `limit`. A larger one is read to its end and dropped, so the sender
 * gets the answer instead of a reset connection; memory stays bounded either way.
 */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? 0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= limit && declared <= limit) chunks.push(chunk as Buffer);
  }
  if (size > limit || declared > limit) {
    throw new PicGoRefusal(`The request is larger than ${Math.round(limit / (1024 * 1024))} MB.`);
  }
  return Buffer.concat(chunks);
}

function pathList(body: Buffer): string[] {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    throw new PicGoRefusal('The request is not JSON: send {"list": ["/path/to/image.png"]}.');
  }
  const list = (json as { list?: unknown } | null)?.list;
  if (list === undefined) return [];
  if (!Array.isArray(list) || list.some((entry) => typeof entry !== "string" || entry.length > 4096)) {
    throw new PicGoRefusal('"list" must be an array of file paths.');
  }
  if (list.length > MAX_FILES_PER_REQUEST) {
    throw new PicGoRefusal(`At most ${MAX_FILES_PER_REQUEST} files per request.`);
  }
  return list as string[];
}

async function formFiles(type: string, body: Buffer): Promise<PostedFile[]> {
  let form: FormData;
  try {
    // The platform's own multipart parser (fetch's Request), on a body already bounded above.
    form = await new Request("http://127.0.0.1/upload", {
      method: "POST",
      headers: { "content-type": type },
      body: new Blob([new Uint8Array(body)]),
    }).formData();
  } catch {
    throw new PicGoRefusal("The form could not be read as multipart/form-data.");
  }
  const posted: File[] = [];
  form.forEach((value) => {
    if (typeof value !== "string") posted.push(value);
  });
  const files = await Promise.all(
    posted.map(async (file) => ({
      name: baseName(file.name),
      bytes: new Uint8Array(await file.arrayBuffer()),
    })),
  );
  if (files.length === 0) throw new PicGoRefusal("The form holds no file.");
  if (files.length > MAX_FILES_PER_REQUEST) {
    throw new PicGoRefusal(`At most ${MAX_FILES_PER_REQUEST} files per request.`);
  }
  return files;
}

/** Obsidian sends a file's whole path as its name; only the last segment names it. */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop() || "image";
}
