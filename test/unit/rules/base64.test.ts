import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUrlSafeBase64, encodeUrlSafeBase64 } from "../../../shared/rules";

// Reference §7.5 and §9 vectors.
const VECTORS: [text: string, encoded: string][] = [
  ["#3D3D3D", "IzNEM0QzRA"],
  ["#FFFFFF", "I0ZGRkZGRg"],
  ["数据万象", "5pWw5o2u5LiH6LGh"],
  ["腾讯云·万象优图", "6IW-6K6v5LqRwrfkuIfosaHkvJjlm74"],
  [
    "http://examplebucket-1250000000.cos.ap-shanghai.myqcloud.com/shuiyin_2.png",
    "aHR0cDovL2V4YW1wbGVidWNrZXQtMTI1MDAwMDAwMC5jb3MuYXAtc2hhbmdoYWkubXlxY2xvdWQuY29tL3NodWl5aW5fMi5wbmc",
  ],
  ["", ""],
  ["😀", "8J-YgA"],
];

describe("URL-safe Base64", () => {
  it.each(VECTORS)("encodes %j as %s", (text, encoded) => {
    expect(encodeUrlSafeBase64(text)).toBe(encoded);
    expect(decodeUrlSafeBase64(encoded)).toBe(text);
  });

  it("decodes padded and standard-alphabet forms", () => {
    expect(decodeUrlSafeBase64("IzNEM0QzRA==")).toBe("#3D3D3D");
    expect(decodeUrlSafeBase64("I0ZGRkZGRg==")).toBe("#FFFFFF");
    expect(decodeUrlSafeBase64("6IW+6K6v5LqRwrfkuIfosaHkvJjlm74=")).toBe("腾讯云·万象优图");
    expect(decodeUrlSafeBase64("8J+YgA==")).toBe("😀");
  });

  it.each([
    ["a character outside both alphabets", "IzNE*0QzRA"],
    ["an impossible length", "IzNEM"],
    ["padding that does not complete a quantum", "IzNEM0QzRA="],
    ["padding in the middle", "Iz==NEM0"],
    ["bytes that are not UTF-8", "_w"],
    ["a truncated UTF-8 sequence", "5pWw5o2u5LiH6L"],
    ["an overlong UTF-8 form", "wK8"],
    ["an encoded surrogate", "7aCA"],
  ])("refuses %s", (_reason, value) => {
    expect(decodeUrlSafeBase64(value)).toBeUndefined();
  });

  it("matches Node's base64url for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const encoded = encodeUrlSafeBase64(text);
        expect(encoded).toBe(Buffer.from(text, "utf8").toString("base64url"));
        expect(decodeUrlSafeBase64(encoded)).toBe(text);
      }),
    );
  });

  it("agrees with Node on which byte strings are UTF-8", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        const text = buffer.toString("utf8");
        const isUtf8 = Buffer.from(text, "utf8").equals(buffer);
        expect(decodeUrlSafeBase64(buffer.toString("base64"))).toBe(isUtf8 ? text : undefined);
      }),
    );
  });
});
