import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CosFailure } from "../../../electron/local-bucket/failure";
import { readHashedBody } from "../../../electron/local-bucket/request-body";

/** The Pic-Operations PUT reads its body once, into one buffer, with the MD5 taken on the way. */

const chunksOf = (bytes: Buffer, size: number) =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));

describe("readHashedBody", () => {
  it("gives back every byte and their MD5 whatever the chunking", async () => {
    const bytes = Buffer.from(Array.from({ length: 70_001 }, (_, i) => (i * 7) % 256));
    const read = await readHashedBody(Readable.from(chunksOf(bytes, 4093)), bytes.length);
    expect(read.bytes.equals(bytes)).toBe(true);
    expect(read.md5.equals(createHash("md5").update(bytes).digest())).toBe(true);
  });

  it("refuses a body shorter than its Content-Length with 400 IncompleteBody", async () => {
    const sent = Buffer.alloc(600, 1);
    const failure = await readHashedBody(Readable.from(chunksOf(sent, 256)), 1000).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CosFailure);
    expect((failure as CosFailure).httpStatus).toBe(400);
    expect((failure as CosFailure).code).toBe("IncompleteBody");
    expect((failure as CosFailure).message).toContain("1000 declared, 600 received");
  });

  it("refuses more bytes than declared instead of writing past the buffer", async () => {
    const failure = await readHashedBody(Readable.from([Buffer.alloc(10), Buffer.alloc(10)]), 15).catch(
      (e: unknown) => e,
    );
    expect((failure as CosFailure).code).toBe("IncompleteBody");
  });
});
