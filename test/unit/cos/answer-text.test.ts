import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerBytes, answerText } from "../../../electron/cos/answer-text";
import { PicopsError } from "../../../shared/errors";

const tooLarge = () => new PicopsError("malformed-response", "answer-too-large", { megabytes: 1 });

/** A body that yields these chunks, then ends. */
const bodyOf = (...chunks: string[]) => Readable.from(chunks.map((chunk) => Buffer.from(chunk)));

describe("reading an answer's body within a limit", () => {
  it("joins every chunk of an answer that ends", async () => {
    await expect(answerBytes(bodyOf("<Upload", "Result/>"), 100, tooLarge)).resolves.toEqual(
      Buffer.from("<UploadResult/>"),
    );
    expect((await answerBytes(bodyOf(), 10, tooLarge)).length).toBe(0);
  });

  it("keeps an answer of exactly the limit and refuses one byte more, then stops reading", async () => {
    await expect(answerBytes(bodyOf("12345", "67890"), 10, tooLarge)).resolves.toEqual(
      Buffer.from("1234567890"),
    );
    const body = bodyOf("12345", "67890", "1", "never read");
    await expect(answerBytes(body, 10, tooLarge)).rejects.toMatchObject({ messageId: "answer-too-large" });
    expect(body.destroyed).toBe(true);
  });

  it("fails, rather than waiting forever, when the body errs, was closed before, or is closed midway", async () => {
    const failing = new Readable({ read() {} });
    const reading = answerBytes(failing, 100, tooLarge);
    failing.push(Buffer.from("half"));
    failing.destroy(new Error("socket hang up"));
    await expect(reading).rejects.toThrow("socket hang up");

    const gone = bodyOf("x");
    gone.destroy();
    await expect(answerBytes(gone, 100, tooLarge)).rejects.toThrow("Premature close");

    const cut = new Readable({ read() {} });
    const cutReading = answerBytes(cut, 100, tooLarge);
    cut.push(Buffer.from("half"));
    cut.destroy();
    await expect(cutReading).rejects.toThrow("Premature close");
  });
});

/** Answers as a server writes them: with a stated length (true or not), or chunked. */
const answers: Record<string, (response: ServerResponse) => void> = {
  "/stated": (response) => {
    response.setHeader("content-length", "15");
    response.end("<UploadResult/>");
  },
  "/chunked": (response) => {
    response.write("<Upload");
    response.end("Result/>");
  },
  "/chunked-past-limit": (response) => {
    response.write("x".repeat(60));
    response.end("y".repeat(60));
  },
  "/stated-past-limit": (response) => {
    response.setHeader("content-length", "120");
    response.end("z".repeat(120));
  },
  // Says 5 bytes and sends 15: the rest is not this answer's body.
  "/understated": (response) => {
    response.socket?.end("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n<UploadResult/>");
  },
};
const server = createServer((incoming, response) => answers[incoming.url ?? ""]?.(response));
let origin = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const answerTo = async (path: string) => {
  const { headers, body } = await request(`${origin}${path}`);
  return { headers, body };
};

describe("an answer's text", () => {
  it("is the whole body, whether its length is stated or it comes in chunks", async () => {
    await expect(answerText(await answerTo("/stated"))).resolves.toBe("<UploadResult/>");
    await expect(answerText(await answerTo("/chunked"))).resolves.toBe("<UploadResult/>");
  });

  it("ends where the stated length ends, whatever follows it", async () => {
    await expect(answerText(await answerTo("/understated"))).resolves.toBe("<Uplo");
  });

  it("is refused past the limit: counted when chunked, at once when its stated length is larger", async () => {
    await expect(answerText(await answerTo("/chunked-past-limit"), 100)).rejects.toMatchObject({
      messageId: "answer-too-large",
    });
    const stated = await answerTo("/stated-past-limit");
    await expect(answerText(stated, 100)).rejects.toMatchObject({ messageId: "answer-too-large" });
    expect(stated.body.destroyed).toBe(true);
    await expect(answerText(await answerTo("/stated"), 15)).resolves.toBe("<UploadResult/>");
  });
});
