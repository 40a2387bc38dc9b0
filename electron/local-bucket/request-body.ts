import type { IncomingMessage } from "node:http";
import { CosFailure } from "./failure";

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

/** Bodies of XML requests (Delete, AddStyle…) are small; COS caps the Delete list at 1000 keys. */
export const XML_BODY_LIMIT = 2 * 1024 * 1024;

export function malformedXml(): CosFailure {
  return new CosFailure(
    400,
    "MalformedXML",
    "The XML you provided was not well-formed or did not validate against our published schema.",
  );
}
