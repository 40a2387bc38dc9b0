/**
 * Reads the operations of one `imageMogr2/...` stage. An operation whose value cannot be
 * read is kept as `unknown` with its words as typed, so formatting gives them back and the
 * builder loses nothing; the error diagnostic says what was expected.
 */
import type { ImageMogr2Stage, Mogr2Op, Span, ThumbnailGeometry } from "./ast";
import type { DiagnosticList, Expectation } from "./diagnostics";
import { numberFromText } from "./numbers";
import { spanOver, type Token } from "./tokens";
import { qualityFromText, signedNumber, switchFromText, textFromBase64 } from "./values";
import {
  AIGC_METADATA_FIELDS,
  formatFromText,
  GRAVITY_NAMES,
  gravityFromText,
  isMogr2Operation,
  MOGR2_FLAGS,
  type Mogr2OperationName,
} from "./vocabulary";

type ValuedOperation = Exclude<Mogr2OperationName, "auto-orient" | "strip" | "AIGCMetadata">;

interface ValueReader {
  /** Completes "expected …" in the message when the value cannot be read. */
  expected: Expectation;
  read(text: string): Mogr2Op | undefined;
}

const N = String.raw`(\d+(?:\.\d+)?)`;
const PERCENT_BOTH = new RegExp(`^!${N}p$`);
const PERCENT_WIDTH = new RegExp(`^!${N}px$`);
const PERCENT_HEIGHT = new RegExp(`^!x${N}p$`);
const COVER = new RegExp(`^!${N}x${N}r$`);
const FORCE = new RegExp(`^${N}x${N}!$`);
const AREA = new RegExp(`^${N}@$`);
const FIT = new RegExp(`^${N}?x${N}?([<>])?$`);
const SIZE = new RegExp(`^${N}?x${N}?$`);
const BOTH_SIDES = new RegExp(`^${N}x${N}$`);
const CUT = new RegExp(`^${N}x${N}x${N}x${N}$`);
const SIZE_LIMIT = new RegExp(`^${N}([km])(!)?$`, "i");

function unsigned(text: string | undefined): number | undefined {
  return text === undefined ? undefined : numberFromText(text, false);
}

/** Every number the pattern captured, or undefined when one is missing or not finite. */
function capturedNumbers(pattern: RegExp, text: string, count: number): number[] | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  const numbers = match.slice(1, count + 1).map(unsigned);
  return numbers.every((n) => n !== undefined) ? (numbers as number[]) : undefined;
}

export function geometryFromText(text: string): ThumbnailGeometry | undefined {
  const percent = (pattern: RegExp) => capturedNumbers(pattern, text, 1)?.[0];
  const both = percent(PERCENT_BOTH);
  if (both !== undefined) return { mode: "percent", axis: "both", percent: both };
  const width = percent(PERCENT_WIDTH);
  if (width !== undefined) return { mode: "percent", axis: "width", percent: width };
  const height = percent(PERCENT_HEIGHT);
  if (height !== undefined) return { mode: "percent", axis: "height", percent: height };
  const cover = capturedNumbers(COVER, text, 2);
  if (cover) return { mode: "cover", width: cover[0] ?? 0, height: cover[1] ?? 0 };
  const force = capturedNumbers(FORCE, text, 2);
  if (force) return { mode: "force", width: force[0] ?? 0, height: force[1] ?? 0 };
  const area = percent(AREA);
  if (area !== undefined) return { mode: "area", pixels: area };
  const fit = FIT.exec(text);
  if (!fit) return undefined;
  const geometry: ThumbnailGeometry = { mode: "fit" };
  if (!readSides(fit, geometry)) return undefined;
  if (fit[3] === ">") geometry.only = "shrink";
  if (fit[3] === "<") geometry.only = "enlarge";
  return geometry;
}

/** `W`, `H` or both from a `WxH`-style match; false when neither or an unreadable one. */
function readSides(match: RegExpExecArray, into: { width?: number; height?: number }): boolean {
  const [, widthText, heightText] = match;
  if (widthText === undefined && heightText === undefined) return false;
  const width = unsigned(widthText);
  const height = unsigned(heightText);
  if ((widthText !== undefined && width === undefined) || (heightText !== undefined && height === undefined))
    return false;
  if (width !== undefined) into.width = width;
  if (height !== undefined) into.height = height;
  return true;
}

function qualityReader(kind: "absolute" | "relative" | "floor"): ValueReader {
  return {
    expected: { expected: kind === "absolute" ? "forceable-quality" : "quality" },
    read(text) {
      const quality = qualityFromText(kind, text);
      return quality && { op: "quality", quality };
    },
  };
}

function amountReader(op: "sharpen" | "bright" | "contrast"): ValueReader {
  return {
    expected: { expected: "amount" },
    read(text) {
      const amount = signedNumber(text);
      return amount === undefined ? undefined : { op, amount };
    },
  };
}

function radiusReader(op: "iradius" | "rradius"): ValueReader {
  return {
    expected: { expected: "radius" },
    read(text) {
      const radius = signedNumber(text);
      return radius === undefined ? undefined : { op, radius };
    },
  };
}

function switchReader(op: "grayscale" | "interlace" | "pad" | "minsize"): ValueReader {
  return {
    expected: { expected: "switch" },
    read(text) {
      const enabled = switchFromText(text);
      return enabled === undefined ? undefined : { op, enabled };
    },
  };
}

function offsetReader(op: "dx" | "dy"): ValueReader {
  return {
    expected: { expected: "pixels" },
    read(text) {
      const pixels = signedNumber(text);
      return pixels === undefined ? undefined : { op, pixels };
    },
  };
}

function countReader(op: "cgif" | "density", expected: Expectation): ValueReader {
  return {
    expected,
    read(text) {
      const count = unsigned(text);
      if (count === undefined) return undefined;
      return op === "cgif" ? { op, frames: count } : { op, dpi: count };
    },
  };
}

const FLIP_DIRECTIONS = ["vertical", "horizontal"] as const;

const READERS: Record<ValuedOperation, ValueReader> = {
  thumbnail: {
    expected: { expected: "geometry" },
    read(text) {
      const geometry = geometryFromText(text);
      return geometry && { op: "thumbnail", geometry };
    },
  },
  crop: {
    expected: { expected: "size" },
    read(text) {
      const match = SIZE.exec(text);
      const op: Mogr2Op = { op: "crop" };
      return match && readSides(match, op) ? op : undefined;
    },
  },
  cut: {
    expected: { expected: "cut" },
    read(text) {
      const [width, height, dx, dy] = capturedNumbers(CUT, text, 4) ?? [];
      if (width === undefined || height === undefined || dx === undefined || dy === undefined)
        return undefined;
      return { op: "cut", width, height, dx, dy };
    },
  },
  rcrop: {
    expected: { expected: "size" },
    read(text) {
      const match = SIZE.exec(text);
      const op: Mogr2Op = { op: "rcrop" };
      return match && readSides(match, op) ? op : undefined;
    },
  },
  dx: offsetReader("dx"),
  dy: offsetReader("dy"),
  pad: switchReader("pad"),
  minsize: switchReader("minsize"),
  color: {
    expected: { expected: "base64-fill" },
    read(text) {
      const color = textFromBase64(text);
      return color === undefined ? undefined : { op: "color", color };
    },
  },
  flip: {
    expected: { expected: "one-of", options: FLIP_DIRECTIONS.join(", ") },
    read(text) {
      const direction = FLIP_DIRECTIONS.find((name) => name === text.toLowerCase());
      return direction && { op: "flip", direction };
    },
  },
  "size-limit": {
    expected: { expected: "size-limit" },
    read(text) {
      const match = SIZE_LIMIT.exec(text);
      const amount = unsigned(match?.[1]);
      if (!match || amount === undefined) return undefined;
      const unit = match[2]?.toLowerCase() === "m" ? "m" : "k";
      return { op: "size-limit", amount, unit, keepSmaller: match[3] === "!" };
    },
  },
  cgif: countReader("cgif", { expected: "frames" }),
  density: countReader("density", { expected: "dpi" }),
  scrop: {
    expected: { expected: "both-sides" },
    read(text) {
      const [width, height] = capturedNumbers(BOTH_SIDES, text, 2) ?? [];
      return width === undefined || height === undefined ? undefined : { op: "scrop", width, height };
    },
  },
  iradius: radiusReader("iradius"),
  rradius: radiusReader("rradius"),
  rotate: {
    expected: { expected: "angle" },
    read(text) {
      const degrees = signedNumber(text);
      return degrees === undefined ? undefined : { op: "rotate", degrees };
    },
  },
  gravity: {
    expected: { expected: "one-of", options: Object.values(GRAVITY_NAMES).join(", ") },
    read(text) {
      const gravity = gravityFromText(text);
      return gravity && { op: "gravity", gravity };
    },
  },
  format: {
    expected: { expected: "one-of", options: "jpg, png, webp, avif, heif, gif, bmp, yjpeg, tpg, svgc" },
    read(text) {
      const format = formatFromText(text);
      return format && { op: "format", format };
    },
  },
  quality: qualityReader("absolute"),
  rquality: qualityReader("relative"),
  lquality: qualityReader("floor"),
  blur: {
    expected: { expected: "blur" },
    read(text) {
      const [radius, sigma] = capturedNumbers(BOTH_SIDES, text, 2) ?? [];
      return radius === undefined || sigma === undefined ? undefined : { op: "blur", radius, sigma };
    },
  },
  sharpen: amountReader("sharpen"),
  bright: amountReader("bright"),
  contrast: amountReader("contrast"),
  grayscale: switchReader("grayscale"),
  interlace: switchReader("interlace"),
  "ignore-error": {
    expected: { expected: "one" },
    read: (text) => (text === "1" ? { op: "ignore-error" } : undefined),
  },
};

const AIGC_FIELD_SET: ReadonlySet<string> = new Set(AIGC_METADATA_FIELDS);

/**
 * `AIGCMetadata` is followed by `<Field>/<b64 value>` pairs; it runs to the first word that
 * is not one of its fields. Returns the index after its last word.
 */
function readAigcMetadata(
  tokens: Token[],
  from: number,
  nameToken: Token,
  ops: Mogr2Op[],
  diagnostics: DiagnosticList,
): number {
  const fields: { name: string; value: string }[] = [];
  let i = from;
  let last = nameToken;
  while (i < tokens.length && AIGC_FIELD_SET.has((tokens[i] as Token).text)) {
    const field = tokens[i] as Token;
    const value = tokens[i + 1];
    if (value === undefined || value.text === "") {
      const at = { start: field.span.end, end: field.span.end };
      diagnostics.error(
        "syntax.missing-parameter-value",
        { operation: "AIGCMetadata", parameter: field.text, span: at },
        { parameter: field.text },
      );
      fields.push({ name: field.text, value: "" });
      last = value ?? field;
      i += value === undefined ? 1 : 2;
      continue;
    }
    fields.push({ name: field.text, value: value.text });
    last = value;
    i += 2;
  }
  const span = spanOver(nameToken.span, last.span);
  const first = tokens[from];
  if (fields.length === 0 || first === undefined) ops.push({ op: "AIGCMetadata", fields, span });
  else ops.push({ op: "AIGCMetadata", fields, span, valueSpan: spanOver(first.span, last.span) });
  return i;
}

function isFlag(name: Mogr2OperationName): name is "auto-orient" | "strip" {
  return (MOGR2_FLAGS as readonly string[]).includes(name);
}

/** `tokens` are the words after `imageMogr2`. */
export function parseMogr2(tokens: Token[], span: Span, diagnostics: DiagnosticList): ImageMogr2Stage {
  const ops: Mogr2Op[] = [];
  let i = 0;
  while (i < tokens.length) {
    const nameToken = tokens[i] as Token;
    const name = nameToken.text;
    i++;
    if (name === "") {
      diagnostics.error("syntax.empty-operation", { operation: "imageMogr2", span: nameToken.span }, {});
      continue;
    }
    if (!isMogr2Operation(name)) {
      // An unknown operation's arity is unknown: its arguments run to the next known name.
      const args: Token[] = [];
      while (i < tokens.length && !isMogr2Operation((tokens[i] as Token).text))
        args.push(tokens[i++] as Token);
      const opSpan = spanOver(nameToken.span, (args.at(-1) ?? nameToken).span);
      ops.push({ op: "unknown", name, args: args.map((arg) => arg.text), span: opSpan });
      diagnostics.warning("unknown-operation", { operation: name, span: nameToken.span }, {});
      continue;
    }
    if (isFlag(name)) {
      ops.push({ op: name, span: nameToken.span });
      continue;
    }
    if (name === "AIGCMetadata") {
      i = readAigcMetadata(tokens, i, nameToken, ops, diagnostics);
      continue;
    }
    const valueToken = tokens[i];
    if (valueToken === undefined || isMogr2Operation(valueToken.text)) {
      const at = { start: nameToken.span.end, end: nameToken.span.end };
      diagnostics.error("syntax.missing-value", { operation: name, span: at }, READERS[name].expected);
      ops.push({ op: "unknown", name, args: [], span: nameToken.span });
      continue;
    }
    i++;
    const opSpan = spanOver(nameToken.span, valueToken.span);
    const op = READERS[name].read(valueToken.text);
    if (op) {
      ops.push({ ...op, span: opSpan, valueSpan: valueToken.span });
      continue;
    }
    const { expected } = READERS[name];
    const at = { operation: name, span: valueToken.span };
    if (valueToken.text === "") diagnostics.error("syntax.missing-value", at, expected);
    else diagnostics.error("syntax.unreadable-value", at, { ...expected, text: valueToken.text });
    ops.push({ op: "unknown", name, args: [valueToken.text], span: opSpan });
  }
  return { kind: "imageMogr2", ops, span };
}
