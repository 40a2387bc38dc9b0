import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sumRgb } from "../../../electron/engine/rgb-sums";

/** The plain reading the word-wise scan must agree with. */
function byteByByte(data: Uint8Array, channels: 3 | 4) {
  const sums = { red: 0, green: 0, blue: 0 };
  for (let at = 0; at + 2 < data.length; at += channels) {
    sums.red += data[at] as number;
    sums.green += data[at + 1] as number;
    sums.blue += data[at + 2] as number;
  }
  return sums;
}

/** Bytes of every kind, weighted towards the extremes and where a lane's carry would show. */
const byte = fc.oneof(fc.nat(255), fc.constantFrom(0, 1, 127, 128, 254, 255));

describe("sumRgb", () => {
  it("agrees with a byte-by-byte reading, for RGB and RGBA, whatever the length and the buffer's alignment", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(3 as const, 4 as const),
        fc.array(byte, { maxLength: 6000 }),
        fc.nat(7),
        (channels, bytes, offset) => {
          const whole = bytes.slice(0, bytes.length - (bytes.length % channels));
          const backing = new Uint8Array(offset + whole.length);
          backing.set(whole, offset);
          const data = backing.subarray(offset);
          expect(sumRgb(data, channels)).toEqual(byteByByte(data, channels));
        },
      ),
    );
  });

  it.each([3, 4] as const)(
    "stays exact where every lane is at its largest, over many blocks (%i channels)",
    (channels) => {
      const pixels = 1600 * 1200;
      const white = new Uint8Array(pixels * channels).fill(255);
      expect(sumRgb(white, channels)).toEqual({ red: 255 * pixels, green: 255 * pixels, blue: 255 * pixels });
    },
  );

  it.each([3, 4] as const)(
    "tells each channel apart, at every position within a step (%i channels)",
    (channels) => {
      for (let pixel = 0; pixel < 8; pixel++) {
        for (let channel = 0; channel < channels; channel++) {
          const data = new Uint8Array(8 * channels).fill(100);
          data[pixel * channels + channel] = 200;
          const { red, green, blue } = sumRgb(data, channels);
          // Alpha is not a colour: raising it moves no sum.
          expect([red, green, blue]).toEqual([0, 1, 2].map((c) => (c === channel ? 900 : 800)));
        }
      }
    },
  );
});
