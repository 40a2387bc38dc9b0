import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sumRgb } from "../../../electron/engine/rgb-sums";

/** The plain reading the word-wise scan must agree with. */
function byteByByte(data: Uint8Array) {
  const sums = { red: 0, green: 0, blue: 0, extremes: 0 };
  for (let at = 0; at + 2 < data.length; at += 3) {
    sums.red += data[at] as number;
    sums.green += data[at + 1] as number;
    sums.blue += data[at + 2] as number;
    for (let c = 0; c < 3; c++) if (data[at + c] === 0 || data[at + c] === 255) sums.extremes++;
  }
  return sums;
}

/** Bytes of every kind, weighted towards the two extremes and their neighbours (1, 254, 127, 128). */
const byte = fc.oneof(fc.nat(255), fc.constantFrom(0, 1, 127, 128, 254, 255));

describe("sumRgb", () => {
  it("agrees with a byte-by-byte reading, whatever the length and the buffer's alignment", () => {
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 4000 }), fc.nat(7), (bytes, offset) => {
        const backing = new Uint8Array(offset + bytes.length);
        backing.set(bytes, offset);
        const data = backing.subarray(offset);
        expect(sumRgb(data)).toEqual(byteByByte(data));
      }),
    );
  });

  it("stays exact where every lane is at its largest, over many blocks", () => {
    const white = new Uint8Array(1600 * 1200 * 3).fill(255);
    expect(sumRgb(white)).toEqual({
      red: 255 * 1600 * 1200,
      green: 255 * 1600 * 1200,
      blue: 255 * 1600 * 1200,
      extremes: 3 * 1600 * 1200,
    });
    const nearlyWhite = white.fill(254);
    expect(sumRgb(nearlyWhite)).toMatchObject({ red: 254 * 1600 * 1200, extremes: 0 });
  });

  it("tells each channel apart, at every position within the four pixels a step reads", () => {
    for (let pixel = 0; pixel < 8; pixel++) {
      for (let channel = 0; channel < 3; channel++) {
        const data = new Uint8Array(8 * 3).fill(100);
        data[pixel * 3 + channel] = 200;
        const sums = sumRgb(data);
        expect([sums.red, sums.green, sums.blue]).toEqual([0, 1, 2].map((c) => (c === channel ? 900 : 800)));
        expect(sums.extremes).toBe(0);
      }
    }
  });
});
