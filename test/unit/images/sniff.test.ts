import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { TRAILER_BYTES, truncationProblem } from "../../../shared/images/integrity";
import { SNIFF_BYTES, sniffImageFormat } from "../../../shared/images/sniff";

const base = () => sharp({ create: { width: 40, height: 30, channels: 3, background: "#336699" } });
const encoded = {
  jpeg: () => base().jpeg().toBuffer(),
  png: () => base().png().toBuffer(),
  gif: () => base().gif().toBuffer(),
  webp: () => base().webp().toBuffer(),
  avif: () => base().avif().toBuffer(),
  tiff: () => base().tiff().toBuffer(),
};

describe("sniffImageFormat", () => {
  it.each(Object.entries(encoded))("recognises %s by its first bytes", async (format, make) => {
    expect(sniffImageFormat((await make()).subarray(0, SNIFF_BYTES))).toBe(format);
  });

  it("recognises BMP and refuses text, empty files and look-alikes", () => {
    expect(
      sniffImageFormat(
        Buffer.from("BM\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"),
      ),
    ).toBe("bmp");
    expect(sniffImageFormat(Buffer.from("just some text!!"))).toBeUndefined();
    expect(sniffImageFormat(new Uint8Array())).toBeUndefined();
    expect(sniffImageFormat(Buffer.from("RIFF\u0000\u0000\u0000\u0000WAVEfmt "))).toBeUndefined();
  });
});

describe("truncationProblem", () => {
  it.each(["jpeg", "png", "gif", "webp"] as const)(
    "accepts a whole %s and refuses one cut short",
    async (format) => {
      const whole = await encoded[format]();
      const check = (bytes: Buffer) =>
        truncationProblem(
          format,
          bytes.subarray(0, SNIFF_BYTES),
          bytes.subarray(-TRAILER_BYTES),
          bytes.length,
        );
      expect(check(whole)).toBeUndefined();
      expect(check(whole.subarray(0, Math.floor(whole.length * 0.7)))).toMatch(/./);
    },
  );
});
