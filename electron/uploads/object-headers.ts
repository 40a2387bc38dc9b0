import type { PlannedUpload } from "../../shared/uploads/plan";
import type { CosClient } from "../cos/client";
import { type PictureHeader, readPictureHeader } from "../engine/index";
import { HEADER_BYTES } from "./picture-headers";
import type { CheckedFile } from "./plan-checks";

/**
 * The objects of a processing plan whose headers are read: each read is one ranged GET of
 * at most HEADER_BYTES, so a plan never downloads whole objects; past this many, the
 * remaining objects are planned without checks (the kinds of the first ones stand for them).
 */
export const MAX_OBJECT_HEADERS = 200;

/** An object fetched whole to be shrunk to a stand-in: larger ones stand in by a synthetic picture. */
export const SAMPLE_BYTE_LIMIT = 4 * 1024 * 1024;

/** Reads at most `limit` bytes of a download, and lets the connection go. */
async function readAtMost(
  body: AsyncIterable<unknown> & { destroy(): void },
  limit: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    // A server that ignores a range must not turn a small read into a whole download.
    if (length >= limit) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

/** A small object's bytes (at most SAMPLE_BYTE_LIMIT), for a stand-in of its kind. */
export async function readWholeObject(
  client: Pick<CosClient, "getObject">,
  object: { bucket: string; key: string },
  signal?: AbortSignal,
): Promise<Buffer> {
  const download = await client.getObject({ ...object, range: `bytes=0-${SAMPLE_BYTE_LIMIT - 1}`, signal });
  return readAtMost(download.body, SAMPLE_BYTE_LIMIT);
}

/** An object's header from its first bytes; undefined when they are no picture, or cannot be read. */
export async function readObjectHeader(
  client: Pick<CosClient, "getObject">,
  object: { bucket: string; key: string },
  signal?: AbortSignal,
): Promise<{ header: PictureHeader | undefined; bytes: number | undefined }> {
  let head: Buffer;
  try {
    const download = await client.getObject({ ...object, range: `bytes=0-${HEADER_BYTES - 1}`, signal });
    head = await readAtMost(download.body, HEADER_BYTES);
  } catch (error) {
    if (signal?.aborted) throw error;
    return { header: undefined, bytes: undefined };
  }
  // Fewer bytes than asked for: that was the whole object, and its size.
  const bytes = head.length < HEADER_BYTES ? head.length : undefined;
  return { header: await readPictureHeader(head, head, signal), bytes };
}

/** Header reads at once: each is a small request, they wait on the network. */
const READS_AT_ONCE = 6;

/** The headers of many objects, a few requests at a time, in the objects' order. */
export async function readObjectHeaders(
  client: Pick<CosClient, "getObject">,
  objects: { bucket: string; key: string }[],
  signal?: AbortSignal,
): Promise<{ header: PictureHeader | undefined; bytes: number | undefined }[]> {
  const found = new Array<{ header: PictureHeader | undefined; bytes: number | undefined }>(objects.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < objects.length; index = next++) {
      signal?.throwIfAborted();
      found[index] = await readObjectHeader(
        client,
        objects[index] as { bucket: string; key: string },
        signal,
      );
    }
  };
  await Promise.all(Array.from({ length: READS_AT_ONCE }, worker));
  return found;
}

/** The first objects of a processing plan with their headers, each read by one small ranged GET. */
export async function objectsToCheck(
  client: Pick<CosClient, "getObject">,
  objects: { bucket: string; key: string; size?: number }[],
  plans: PlannedUpload[],
  signal: AbortSignal | undefined,
): Promise<CheckedFile[]> {
  const read = await readObjectHeaders(client, objects.slice(0, MAX_OBJECT_HEADERS), signal);
  return read.flatMap(({ header, bytes: wholeBytes }, index) => {
    const plan = plans[index];
    const object = objects[index];
    const bytes = object?.size ?? wholeBytes;
    if (!plan || !object || bytes === undefined) return [];
    const checked: CheckedFile = { plan, name: object.key, bytes, header };
    // One object a kind is fetched whole for its stand-in, and only a small one.
    if (bytes <= SAMPLE_BYTE_LIMIT) checked.read = (abort) => readWholeObject(client, object, abort);
    return [checked];
  });
}
