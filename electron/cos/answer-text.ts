import type { Readable } from "node:stream";
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
 * read and the connection is let go. Read by 'data' events rather than `for await`: every
 * PUT's answer goes through here, and a stream's async iterator costs a promise and a
 * microtask per chunk besides its own setup (bench/client times the client's CPU per PUT).
 */
export function answerBytes(body: Readable, limit: number, tooLarge: () => PicopsError): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const take = (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) {
        chunks.push(chunk);
        return;
      }
      body.off("data", take);
      body.destroy();
      reject(tooLarge());
    };
    const closedEarly = () => body.errored ?? new Error("The answer was cut off before its end.");
    if (body.destroyed) {
      reject(closedEarly());
      return;
    }
    body.on("data", take);
    body.once("end", () =>
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length)),
    );
    body.once("error", reject);
    // Closed without an end or an error (destroyed by someone else): settled rather than left waiting.
    body.once("close", () => {
      if (!body.readableEnded) reject(closedEarly());
    });
  });
}

/** An XML answer's body as UTF-8 text, refused past `limit` bytes. */
export async function answerText(body: Readable, limit = ANSWER_MAX_BYTES): Promise<string> {
  const bytes = await answerBytes(
    body,
    limit,
    () => new PicopsError("malformed-response", "answer-too-large", { megabytes: limit / 2 ** 20 }),
  );
  return bytes.toString("utf8");
}
