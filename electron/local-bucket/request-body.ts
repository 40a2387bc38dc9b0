import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { CosFailure } from "./failure";
import type { HashedBytes } from "./store";

/** Reads a small body (XML documents, images to process) whole, refusing more than `limit` bytes. */
export async function readBody(
  req: IncomingMessage,
  limit: number,
  tooLarge: () => CosFailure,
): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a body of `length` declared bytes (checked against the caller's limit beforehand) into
 * one buffer of that size, hashing each chunk as it arrives: no list of chunks to join and no
 * second pass over the bytes for their MD5. A body that ends short is refused rather than
 * returned with the buffer's uninitialised tail.
 */
export async function readHashedBody(body: AsyncIterable<Buffer>, length: number): Promise<HashedBytes> {
  const bytes = Buffer.allocUnsafe(length);
  const md5 = createHash("md5");
  let received = 0;
  for await (const chunk of body) {
    if (received + chunk.length > length) throw incompleteBody(length, received + chunk.length);
    chunk.copy(bytes, received);
    md5.update(chunk);
    received += chunk.length;
  }
  if (received !== length) throw incompleteBody(length, received);
  return { bytes, md5: md5.digest() };
}

function incompleteBody(declared: number, received: number): CosFailure {
  return new CosFailure(
    400,
    "IncompleteBody",
    `You did not provide the number of bytes specified by the Content-Length HTTP header (${declared} declared, ${received} received).`,
  );
}

/** Bodies of XML requests (Delete, AddStyle…) are small; COS caps the Delete list at 1000 keys. */
export const XML_BODY_LIMIT = 2 * 1024 * 1024;

export function malformedXml(): CosFailure {
  return new CosFailure(
    400,
    "MalformedXML",
    "The XML you provided was not well-formed or did not validate against our published schema.",
  );
}
