/** Reads at most `limit` bytes of a download, and lets the connection go. */
export async function readAtMost(
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
