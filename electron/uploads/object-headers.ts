import type { PlannedUpload } from "../../shared/uploads/plan";
import type { CosClient } from "../cos/client";
import { readAtMost } from "../cos/read-at-most";
import { type PictureHeader, readPictureHeader } from "../engine/index";
import { HEADER_BYTES, withTrueTransparency } from "./picture-headers";
import type { CheckedFile } from "./plan-checks";

/**
 * The most objects a processing plan reads the header of, whatever the selection's size: each
 * read is one ranged GET of at most HEADER_BYTES, so a plan never downloads whole objects.
 * Which ones are read is chosen over the whole selection (see `objectsToSample`).
 */
export const MAX_OBJECT_HEADERS = 200;

/** An object fetched whole to be shrunk to a stand-in: larger ones stand in by a synthetic picture. */
export const SAMPLE_BYTE_LIMIT = 4 * 1024 * 1024;

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
  const header = await readPictureHeader(head, head, signal);
  // The pixels are at hand only when the first bytes were the whole object.
  return {
    header: await withTrueTransparency(header, head, bytes === undefined ? undefined : head, signal),
    bytes,
  };
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

/**
 * The objects of a processing plan with their headers, for its checks: those `objectsToSample`
 * picks, each read by one small ranged GET.
 */
export async function objectsToCheck(
  client: Pick<CosClient, "getObject">,
  objects: { bucket: string; key: string; size?: number }[],
  plans: PlannedUpload[],
  signal: AbortSignal | undefined,
): Promise<CheckedFile[]> {
  const sampled = objectsToSample(objects);
  const read = await readObjectHeaders(
    client,
    sampled.map((index) => objects[index] as { bucket: string; key: string }),
    signal,
  );
  return read.flatMap(({ header, bytes: wholeBytes }, at) => {
    const index = sampled[at] as number;
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

/**
 * Which objects to read the header of (their indices, in order), at most `budget` whatever the
 * selection's size. A kind is only known from a header, but a format is known from the key:
 * every format present gets its turn, so a GIF or a HEIF after thousands of JPEGs is read.
 * Within a format the largest comes first (the likeliest to be large, or animated), then
 * objects spread over the whole listing, never just its start.
 */
export function objectsToSample(
  objects: readonly { key: string; size?: number }[],
  budget = MAX_OBJECT_HEADERS,
): number[] {
  const byFormat = new Map<string, number[]>();
  objects.forEach((object, index) => {
    const format = formatOfKey(object.key);
    const group = byFormat.get(format) ?? [];
    byFormat.set(format, group);
    group.push(index);
  });
  const turns = [...byFormat.values()].map((group) => sampleOrder(group, objects));
  const chosen = new Set<number>();
  while (chosen.size < budget && turns.length > 0) {
    for (const [at, turn] of [...turns.entries()].reverse()) {
      const next = turn.next();
      if (next.done) turns.splice(at, 1);
      else chosen.add(next.value);
      if (chosen.size >= budget) break;
    }
  }
  return [...chosen].sort((a, b) => a - b);
}

/** The format a key names by its extension, spellings folded (`.jpeg` is `.jpg`). */
function formatOfKey(key: string): string {
  const extension = key.slice(key.lastIndexOf(".") + 1).toLowerCase();
  if (extension === "jpeg") return "jpg";
  if (extension === "tif") return "tiff";
  if (extension === "heic") return "heif";
  return extension;
}

/**
 * A format's objects in the order they are sampled: the largest, then positions in
 * van der Corput order (0, ½, ¼, ¾, ⅛…), so any first few are spread over the whole group.
 */
function* sampleOrder(group: number[], objects: readonly { size?: number }[]): Generator<number> {
  const largest = group.reduce((best, index) =>
    (objects[index]?.size ?? 0) > (objects[best]?.size ?? 0) ? index : best,
  );
  const seen = new Set([largest]);
  yield largest;
  const bits = Math.max(1, Math.ceil(Math.log2(group.length)));
  for (let step = 0; step < 2 ** bits && seen.size < group.length; step++) {
    const index = group[Math.floor(reversedBits(step, bits) * group.length)] as number;
    if (seen.has(index)) continue;
    seen.add(index);
    yield index;
  }
}

/** `value`'s `bits` low bits in reverse order, as a fraction of 2^bits: the van der Corput sequence. */
function reversedBits(value: number, bits: number): number {
  let reversed = 0;
  for (let bit = 0; bit < bits; bit++) reversed = (reversed << 1) | ((value >> bit) & 1);
  return reversed / 2 ** bits;
}
