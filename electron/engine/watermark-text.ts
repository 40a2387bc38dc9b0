import sharp, { type OutputInfo } from "sharp";
import { PicopsError } from "../../shared/errors";
import type { TextWatermarkStage } from "../../shared/rules/ast";
import { untilAborted } from "./abort";
import type { Size } from "./geometry";
import type { Picture } from "./picture";

/** Defaults of `watermark/2` (reference §7.5). */
const DEFAULTS = { font: "tahoma.ttf", fontsize: 13, fill: "#3D3D3D", dissolve: 90 };

/** Families tried in order; Pango falls back per glyph, so CJK text finds Noto CJK. */
const SANS = "DejaVu Sans, Noto Sans CJK SC, Liberation Sans, sans-serif";
const SERIF = "DejaVu Serif, Noto Serif CJK SC, Liberation Serif, serif";

/**
 * COS names fonts by file (`tahoma.ttf`, `simsun宋体.ttc`, …), which a desktop does not
 * have; each maps to an installed family of the same kind: Song/Fang/Kai styles to serif,
 * everything else (Tahoma, Hei, unknown names) to sans.
 */
export function fontFamilyFor(font: string): string {
  return /song|sun|宋|fang|仿|kai|楷|serif|times|georgia/i.test(font) ? SERIF : SANS;
}

function escapeMarkup(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** `#RRGGBB` → channels; anything else falls back to the default fill. */
function parseFill(fill: string): { r: number; g: number; b: number } {
  const hex = /^#?[0-9a-f]{6}$/i.test(fill) ? fill.replace("#", "") : DEFAULTS.fill.slice(1);
  const channel = (at: number) => Number.parseInt(hex.slice(at, at + 2), 16);
  return { r: channel(0), g: channel(2), b: channel(4) };
}

/** The narrowest advance a glyph of the fallback fonts has (DejaVu Sans's "i" is 0.27 em). */
const NARROWEST_GLYPH_EM = 0.25;

/** Cairo draws a surface of at most this many pixels a side. */
const CAIRO_MAX_SIDE = 32_767;

/**
 * The part of the text that can show on the picture: a line cannot show more glyphs than
 * the narrowest glyph fits along the picture's diagonal (the longest line a turned tile can
 * lay across it), nor more lines than fit. Cutting before rendering keeps a long text at a
 * large size from asking cairo for a surface it cannot make.
 */
export function visibleText(text: string, fontsize: number, picture: Size): string {
  const reach = Math.hypot(picture.width, picture.height);
  const glyphs = Math.ceil(reach / (fontsize * NARROWEST_GLYPH_EM)) + 1;
  const lines = Math.ceil(reach / fontsize) + 1;
  return text
    .split("\n")
    .slice(0, lines)
    .map((line) => Array.from(line).slice(0, glyphs).join(""))
    .join("\n");
}

/** Text as RGBA pixels: the glyph coverage as alpha over the fill colour, dissolved. */
async function renderText(stage: TextWatermarkStage, picture: Size, signal?: AbortSignal): Promise<Picture> {
  const size = stage.fontsize ?? DEFAULTS.fontsize;
  const visible = visibleText(stage.text, size, picture);
  const render = sharp({
    text: {
      text: escapeMarkup(visible),
      // At 72 dpi one point is one pixel, so fontsize reads as COS's pixel size.
      font: `${fontFamilyFor(stage.font ?? DEFAULTS.font)} ${size}px`,
      dpi: 72,
    },
  });
  let rendered: { data: Buffer; info: OutputInfo };
  try {
    rendered = await untilAborted(
      render.extractChannel(0).raw().toBuffer({ resolveWithObject: true }),
      signal,
    );
  } catch (error) {
    // Cairo's refusal of a surface too large: the text at that size cannot be drawn.
    if (!(error instanceof Error) || !error.message.startsWith("text:")) throw error;
    const lines = visible.split("\n");
    throw new PicopsError("InvalidArgument", "watermark-text-too-large", {
      width: Math.max(...lines.map((line) => Array.from(line).length)) * size,
      height: lines.length * size,
      maxSide: CAIRO_MAX_SIDE,
    });
  }
  const { data: coverage, info } = rendered;
  const { width, height } = info;
  const opacity = (stage.dissolve ?? DEFAULTS.dissolve) / 100;
  const fill = parseFill(stage.fill ?? DEFAULTS.fill);
  const textLayer = sharp({ create: { width, height, channels: 3, background: fill } })
    .joinChannel(coverage, { raw: { width, height, channels: 1 } })
    .linear([1, 1, 1, opacity], [0, 0, 0, 0]);
  if (!stage.shadow) {
    const data = await untilAborted(textLayer.raw().toBuffer(), signal);
    return { kind: "raw", data, width, height, channels: 4 };
  }
  // A black copy, offset down-right and faded by `shadow` percent, drawn under the text.
  const offset = Math.max(1, Math.round(size / 16));
  const shadowLayer = await untilAborted(
    sharp({ create: { width, height, channels: 3, background: "#000000" } })
      .joinChannel(coverage, { raw: { width, height, channels: 1 } })
      .linear([1, 1, 1, (stage.shadow / 100) * opacity], [0, 0, 0, 0])
      .raw()
      .toBuffer(),
    signal,
  );
  const text = await untilAborted(textLayer.raw().toBuffer(), signal);
  const raw = { width, height, channels: 4 as const };
  const data = await untilAborted(
    sharp({
      create: {
        width: width + offset,
        height: height + offset,
        channels: 4,
        background: { r: 0, g: 0, b: 0, alpha: 0 },
      },
    })
      .composite([
        { input: shadowLayer, raw, left: offset, top: offset },
        { input: text, raw, left: 0, top: 0 },
      ])
      .raw()
      .toBuffer(),
    signal,
  );
  return { kind: "raw", data, width: width + offset, height: height + offset, channels: 4 };
}

/** The overlay to draw for a text watermark: the rendered text, dissolved and shadowed. */
export async function textOverlay(
  stage: TextWatermarkStage,
  picture: Size,
  signal?: AbortSignal,
): Promise<Picture> {
  return renderText(stage, picture, signal);
}
