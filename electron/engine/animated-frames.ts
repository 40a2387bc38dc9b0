import sharp from "sharp";
import { throwIfAborted } from "./abort";
import type { WorkState } from "./mogr2";
import { DECODE_OPTIONS, openCanvas, type Picture, runToPicture, type WorkCanvas } from "./picture";

/**
 * An animation as lossless animated WebP between operations: every frame, its alpha and
 * its timing exactly, which libvips reads back as pages.
 */
export interface Strip {
  data: Buffer;
  width: number;
  frameHeight: number;
  frames: number;
}

/** An operation of the still path, run on one frame. */
export type StillRun = (state: WorkState) => Promise<WorkState>;

/** The frame's pixels as RGBA, so that every frame joins into one strip whatever it went through. */
async function rgbaFrame(canvas: WorkCanvas, signal: AbortSignal | undefined): Promise<Picture> {
  if (canvas.kind === "raw" && canvas.channels === 4) return canvas;
  const pipeline = canvas.kind === "pending" ? canvas.pipeline : openCanvas(canvas);
  return runToPicture(pipeline.ensureAlpha(), signal);
}

/**
 * What libvips cannot do to a multi-page image (an oblique turn, a mask, a composite, a crop
 * after a resize) runs as the still path runs it, one frame at a time: each frame is taken
 * out of the strip, processed, and the frames are joined back into a strip of the new size.
 * Every frame has the same size, so the still path gives every frame the same geometry.
 */
export async function eachFrame(
  strip: Strip,
  run: StillRun,
  signal: AbortSignal | undefined,
): Promise<{ pixels: Buffer; width: number; frameHeight: number }> {
  const processFrame = async (page: number) => {
    throwIfAborted(signal);
    const frame = await runToPicture(sharp(strip.data, { page, ...DECODE_OPTIONS }).ensureAlpha(), signal);
    return rgbaFrame((await run({ canvas: frame, orientation: 0 })).canvas, signal);
  };
  // Each processed frame is copied into the strip as it comes: the strip is the only copy.
  const first = await processFrame(0);
  const pixels = Buffer.alloc(first.data.length * strip.frames);
  first.data.copy(pixels, 0);
  for (let page = 1; page < strip.frames; page++) {
    (await processFrame(page)).data.copy(pixels, page * first.data.length);
  }
  return { pixels, width: first.width, frameHeight: first.height };
}

/** The raw frames of eachFrame as one tall picture whose pages are the frames. */
export function openJoined(joined: { pixels: Buffer; width: number; frameHeight: number }, frames: number) {
  return sharp(joined.pixels, {
    raw: {
      width: joined.width,
      height: joined.frameHeight * frames,
      channels: 4,
      pageHeight: joined.frameHeight,
    },
  });
}
