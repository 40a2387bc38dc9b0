import { PicopsError } from "../../shared/errors";

/**
 * The most an XML answer of COS's holds, with room to spare: the longest, a listing page or a
 * delete's result of 1,000 keys of up to 850 bytes each, percent-encoded, stays under 4 MB.
 * A server that sends more is not COS, or not well: reading on would let it fill the main
 * process's memory, which holds every upload and listing.
 */
export const ANSWER_MAX_BYTES = 16 * 1024 * 1024;

/**
 * An answer's body, refused with `tooLarge` once it passes `limit` bytes; the rest is not
 * read and the connection is let go.
 */
export async function answerBytes(
  body: AsyncIterable<unknown> & { destroy(): void },
  limit: number,
  tooLarge: () => PicopsError,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    length += (chunk as Buffer).length;
    if (length > limit) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, length);
}

/** An XML answer's body as UTF-8 text, refused past `limit` bytes. */
export async function answerText(
  body: AsyncIterable<unknown> & { destroy(): void },
  limit = ANSWER_MAX_BYTES,
): Promise<string> {
  const bytes = await answerBytes(
    body,
    limit,
    () => new PicopsError("malformed-response", "answer-too-large", { megabytes: limit / 2 ** 20 }),
  );
  return bytes.toString("utf8");
}
