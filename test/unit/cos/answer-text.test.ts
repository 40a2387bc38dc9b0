import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { answerBytes, answerText } from "../../../electron/cos/answer-text";
import { PicopsError } from "../../../shared/errors";

const tooLarge = () => new PicopsError("malformed-response", "answer-too-large", { megabytes: 1 });

/** A body that yields these chunks, then ends. */
const bodyOf = (...chunks: string[]) => Readable.from(chunks.map((chunk) => Buffer.from(chunk)));

describe("reading an answer's body within a limit", () => {
  it("joins every chunk of an answer that ends", async () => {
    await expect(answerText(bodyOf("<Upload", "Result/>"))).resolves.toBe("<UploadResult/>");
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
