import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { PicopsError, ThrownAppError } from "../../shared/errors";
import { abortedError } from "./retry";

/** A body that can be read again for each attempt: bytes, or a file opened anew each time. */
export type RequestBody = Uint8Array | { file: string; size: number };

export interface TransferProgress {
  loaded: number;
  total: number;
}

/** An upload's content: bytes in memory, or a file streamed from disk (never read whole). */
export type ObjectBody = Uint8Array | { file: string };

/** Sizes a body once, so Content-Length is known before the first byte goes out. */
export async function requestBodyFor(body: ObjectBody): Promise<RequestBody> {
  if (body instanceof Uint8Array) return body;
  try {
    const info = await stat(body.file);
    if (!info.isFile()) throw new PicopsError("invalid-input", "not-a-file", { file: body.file });
    return { file: body.file, size: info.size };
  } catch (error) {
    if (error instanceof ThrownAppError) throw error;
    throw new PicopsError("file-unreadable", "file-unreadable", { file: body.file });
  }
}

/** Base64 of the body's MD5, for Content-MD5; a file is hashed as a stream. */
export async function md5Base64(body: RequestBody, signal: AbortSignal | undefined): Promise<string> {
  const hash = createHash("md5");
  if (body instanceof Uint8Array) return hash.update(body).digest("base64");
  try {
    for await (const chunk of createReadStream(body.file, signal ? { signal } : {})) {
      hash.update(chunk as Buffer);
    }
  } catch {
    if (signal?.aborted) throw abortedError();
    throw new PicopsError("file-unreadable", "file-unreadable", { file: body.file });
  }
  return hash.digest("base64");
}

export function bodySize(body: RequestBody | undefined): number {
  if (body === undefined) return 0;
  return body instanceof Uint8Array ? body.byteLength : body.size;
}

/** Bigger than a socket's write high-water mark (16 KiB by default), see readFileChunks. */
const CHUNK_SIZE = 256 * 1024;

/**
 * Streams a file through two reused buffers, so a 30 MB upload leaves no 30 MB of garbage
 * chunks for the GC to find later. Reuse is safe because undici writes an iterable body
 * one chunk at a time and, when `socket.write` reports backpressure (always, for a chunk
 * above the high-water mark), pulls the next chunk only after 'drain', i.e. once every
 * byte handed over so far is in the kernel. The next chunk is read while this one is sent.
 */
async function* readFileChunks(file: string, size: number): AsyncGenerator<Uint8Array> {
  const handle = await open(file, "r");
  try {
    const ring = [Buffer.allocUnsafe(CHUNK_SIZE), Buffer.allocUnsafe(CHUNK_SIZE)] as const;
    let position = 0;
    const readInto = (buffer: Buffer) =>
      handle.read(buffer, 0, Math.min(CHUNK_SIZE, size - position), position).then(({ bytesRead }) => {
        position += bytesRead;
        return buffer.subarray(0, bytesRead);
      });
    let pending = readInto(ring[0]);
    for (let index = 1; ; index += 1) {
      const chunk = await pending;
      if (chunk.byteLength === 0) return;
      // The other buffer was sent in full before we were asked for this chunk.
      if (position < size) pending = readInto(ring[index % 2] as Buffer);
      else pending = Promise.resolve(Buffer.alloc(0));
      yield chunk;
    }
  } finally {
    await handle.close();
  }
}

async function* sliceBytes(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.byteLength; start += CHUNK_SIZE) {
    yield bytes.subarray(start, start + CHUNK_SIZE);
  }
}

async function* countProgress(
  chunks: AsyncGenerator<Uint8Array>,
  total: number,
  onProgress: (progress: TransferProgress) => void,
): AsyncGenerator<Uint8Array> {
  let loaded = 0;
  for await (const chunk of chunks) {
    yield chunk;
    loaded += chunk.byteLength;
    onProgress({ loaded, total });
  }
}

/** A fresh body for one attempt; progress counts bytes as undici takes them. */
export function openBody(
  body: RequestBody,
  onProgress: ((progress: TransferProgress) => void) | undefined,
): Uint8Array | AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array && onProgress === undefined) return body;
  const chunks = body instanceof Uint8Array ? sliceBytes(body) : readFileChunks(body.file, body.size);
  return onProgress === undefined ? chunks : countProgress(chunks, bodySize(body), onProgress);
}
