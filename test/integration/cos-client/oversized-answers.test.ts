import { describe, expect, it } from "vitest";
import { ANSWER_MAX_BYTES } from "../../../electron/cos/whole-answer";
import { fakeCosWithClient } from "./fake-cos";

/**
 * A server that never stops answering (not COS, or not well) must not fill the main
 * process's memory: an XML answer is refused once it passes ANSWER_MAX_BYTES, an image made at
 * download time once it passes what its caller keeps, an error's body is read only so far,
 * and in every case the rest is never read.
 */

const BUCKET = "examplebucket-1250000000";
const CHUNK = Buffer.from("<Contents><Key>padding.jpg</Key><Size>1</Size></Contents>".repeat(1024));
const ENDLESS_BYTES = 256 * 1024 * 1024;

/** Answers `status` with a body that goes on until the client lets go; `sent` says how much went out. */
async function endlessServer(status: number) {
  const sent = { bytes: 0, stoppedEarly: false };
  let answered = () => {};
  const finished = new Promise<void>((resolve) => {
    answered = resolve;
  });
  const { client } = await fakeCosWithClient(
    [
      async (request, response) => {
        request.resume();
        let closed = false;
        response.on("close", () => {
          closed = true;
        });
        response.writeHead(status, { "content-type": "application/xml" });
        response.write("<?xml version='1.0' encoding='utf-8' ?>\n<ListBucketResult><Name>b</Name>");
        while (!closed && sent.bytes < ENDLESS_BYTES) {
          sent.bytes += CHUNK.length;
          if (!response.write(CHUNK)) {
            await new Promise((drained) => {
              response.once("drain", drained);
              response.once("close", drained);
            });
          }
        }
        sent.stoppedEarly = closed;
        response.end();
        answered();
      },
    ],
    { retry: { maxAttempts: 1 } },
  );
  return { client, sent, finished };
}

describe("an answer that does not end", () => {
  it("is refused once an XML answer passes its limit, and the rest is never read", async () => {
    const server = await endlessServer(200);
    await expect(server.client.listObjects({ bucket: BUCKET, prefix: "" })).rejects.toMatchObject({
      code: "malformed-response",
      messageId: "answer-too-large",
      values: { megabytes: ANSWER_MAX_BYTES / 2 ** 20 },
    });
    await server.finished;
    expect(server.sent.stoppedEarly).toBe(true);
    // What the limit let in, and what sockets buffer on the way: nowhere near the 256 MB offered.
    expect(server.sent.bytes).toBeLessThan(ANSWER_MAX_BYTES + 16 * 2 ** 20);
  });

  it("refuses an image made at download time once it passes what the caller keeps", async () => {
    const server = await endlessServer(200);
    const maxBytes = 4 * 2 ** 20;
    await expect(
      server.client.getProcessedImage({
        bucket: BUCKET,
        key: "a.jpg",
        rule: "imageMogr2/thumbnail/160x",
        maxBytes,
      }),
    ).rejects.toMatchObject({
      code: "media-too-large",
      messageId: "processed-image-too-large",
      values: { megabytes: 4 },
    });
    await server.finished;
    expect(server.sent.stoppedEarly).toBe(true);
    expect(server.sent.bytes).toBeLessThan(maxBytes + 16 * 2 ** 20);
  });

  it("reads an error's body only so far, and still reports the error by its status", async () => {
    const server = await endlessServer(403);
    await expect(server.client.listObjects({ bucket: BUCKET, prefix: "" })).rejects.toMatchObject({
      status: 403,
    });
    await server.finished;
    expect(server.sent.stoppedEarly).toBe(true);
    expect(server.sent.bytes).toBeLessThan(16 * 2 ** 20);
  });
});
