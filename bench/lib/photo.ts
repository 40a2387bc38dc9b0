import sharp from "sharp";

/**
 * A photo-like JPEG: smooth gradients and soft shapes (what compresses) under sensor-like
 * noise (what does not), so it weighs what a camera's file of that size weighs (a 12 MP one
 * at q90 is about 4–5 MB) and decodes at a camera file's cost. `seed` makes every file differ.
 */
export async function photoLikeJpeg(
  width: number,
  height: number,
  seed: number,
  quality = 90,
): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let state = (seed * 2654435761 + 1) >>> 0;
  const random = () => {
    // xorshift32: fast, and deterministic per seed.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const phase = random() * Math.PI * 2;
  const tint = [random() * 60, random() * 60, random() * 60];
  for (let y = 0; y < height; y++) {
    const v = y / height;
    for (let x = 0; x < width; x++) {
      const u = x / width;
      // A sky-to-ground gradient with a few soft blobs.
      const shape =
        40 * Math.sin(6 * u + phase) * Math.cos(4 * v - phase) + 30 * Math.sin(23 * u * v + phase);
      // Noise: the sum of three uniforms is close enough to a Gaussian (σ ≈ 7 levels).
      const noise = (random() + random() + random() - 1.5) * 14;
      const base = 70 + 110 * v + shape + noise;
      const at = (y * width + x) * 3;
      pixels[at] = clamp(base + (tint[0] as number) - 20 * u);
      pixels[at + 1] = clamp(base * 0.9 + (tint[1] as number));
      pixels[at + 2] = clamp(base * 0.8 + (tint[2] as number) + 30 * u);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, value));
}
