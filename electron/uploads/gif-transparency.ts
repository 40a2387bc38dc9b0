/**
 * Whether a GIF declares a transparent colour. libvips opens every GIF with an alpha channel,
 * transparent or not, so its header cannot tell a logo with a see-through background from a
 * still photo saved as GIF; the file's own Graphic Control Extensions can.
 */

const GIF_SIGNATURES = ["GIF87a", "GIF89a"];
const EXTENSION = 0x21;
const GRAPHIC_CONTROL = 0xf9;
const IMAGE = 0x2c;
const TRAILER = 0x3b;

/** Colour table bytes a packed field announces (its flag in bit 7, its size in bits 0–2). */
function colourTableBytes(packed: number): number {
  return packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0;
}

/** Where the sub-blocks starting at `at` end (after their zero terminator), or -1 past the bytes. */
function afterSubBlocks(bytes: Buffer, at: number): number {
  let position = at;
  while (position < bytes.length) {
    const size = bytes[position] as number;
    position += 1;
    if (size === 0) return position;
    position += size;
  }
  return -1;
}

/**
 * True when a frame within these first bytes of a GIF has a transparent colour; false when
 * none has (frames past these bytes are not seen: only an animation has any, and an
 * animation is its own kind); undefined when the bytes are no GIF.
 */
export function gifDeclaresTransparency(bytes: Buffer): boolean | undefined {
  if (bytes.length < 13 || !GIF_SIGNATURES.includes(bytes.toString("latin1", 0, 6))) return undefined;
  let at = 13 + colourTableBytes(bytes[10] as number);
  while (at < bytes.length) {
    const block = bytes[at];
    if (block === TRAILER) return false;
    if (block === EXTENSION) {
      if (
        bytes[at + 1] === GRAPHIC_CONTROL &&
        at + 3 < bytes.length &&
        ((bytes[at + 3] as number) & 0x01) === 1
      ) {
        return true;
      }
      at = afterSubBlocks(bytes, at + 2);
    } else if (block === IMAGE) {
      if (at + 10 > bytes.length) return false;
      // The descriptor, its local colour table, the LZW code size, then the pixel data's sub-blocks.
      at = afterSubBlocks(bytes, at + 10 + colourTableBytes(bytes[at + 9] as number) + 1);
    } else {
      return false;
    }
    if (at < 0) return false;
  }
  return false;
}
