import { PicopsError } from "../../shared/errors";
import type { CosResponse } from "./transport";

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

/**
 * An XML answer's body as UTF-8 text, refused past `limit` bytes. An answer that states its
 * length within the limit is read whole by undici in one pass: its HTTP parser ends a body at
 * the stated length, so the body cannot outgrow it, and the chunk-by-chunk count is what
 * most of a small answer's reading cost (about 0.05 ms of a 1.2 ms PUT). One stated past the
 * limit is refused before a byte of it is read.
 */
export async function answerText(
  answer: Pick<CosResponse, "headers" | "body">,
  limit = ANSWER_MAX_BYTES,
): Promise<string> {
  const tooLarge = () =>
    new PicopsError("malformed-response", "answer-too-large", { megabytes: limit / 2 ** 20 });
  const stated = answer.headers["content-length"];
  const length = typeof stated === "string" && /^\d+$/.test(stated) ? Number(stated) : undefined;
  if (length !== undefined && length <= limit) return answer.body.text();
  if (length !== undefined) {
    // Destroyed unread, undici's body emits an abort error; nobody else listens for it.
    answer.body.on("error", () => undefined).destroy();
    throw tooLarge();
  }
  return (await answerBytes(answer.body, limit, tooLarge)).toString("utf8");
}
