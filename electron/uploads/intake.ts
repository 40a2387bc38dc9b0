import { randomUUID } from "node:crypto";
import type { Dirent } from "node:fs";
import { open, opendir, stat } from "node:fs/promises";
import path from "node:path";
import { PicopsError } from "../../shared/errors";
import { TRAILER_BYTES, truncationProblem } from "../../shared/images/integrity";
import { SNIFF_BYTES, type SniffedFormat, sniffImageFormat } from "../../shared/images/sniff";
import type { IntakeFile, IntakeProblem } from "../../shared/uploads/intake";
import type { PictureHeader } from "../engine/index";
import { HEADER_BYTES, readFileHeaderFrom } from "./picture-headers";

/** COS refuses larger inputs for processing (reference §5.1, §8). */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;
const MAX_PIXELS = 250_000_000;
/** Files checked at once: the checks read a few bytes and a header, so they wait on the disk, not the CPU. */
const CHECKS_AT_ONCE = 8;

/**
 * How far one dropped folder is walked: a designer's shoot is thousands of files, not a
 * system folder's tens of thousands; past either bound the drop is refused, nothing added.
 */
export interface WalkLimits {
  /** Files and folders seen below the dropped folder. */
  maxEntries: number;
  maxMs: number;
}
export const WALK_LIMITS: WalkLimits = { maxEntries: 20_000, maxMs: 60_000 };

export interface IntakeSource {
  /** A file or a folder on this machine. */
  path: string;
  /** Where it sits in what the designer dropped (`shoots/cat.jpg`); the file name when absent. */
  relativePath?: string;
}

/** A file looked at, with its picture header when it is a picture the engine reads. */
export interface InspectedFile {
  file: IntakeFile;
  header?: PictureHeader | undefined;
}

/**
 * Checks what the designer dropped: folders are walked (keeping their relative paths as
 * key prefixes), and every file is looked at by content — its first bytes, its header and
 * its last bytes, never a full decode, so a thousand files are checked in moments. Files
 * that cannot be uploaded are listed with their reason, never dropped silently.
 */
export async function inspectSources(
  sources: IntakeSource[],
  signal?: AbortSignal,
  limits: WalkLimits = WALK_LIMITS,
): Promise<InspectedFile[]> {
  const found: (InspectedFile | { path: string; relativePath: string })[] = [];
  for (const source of sources) {
    signal?.throwIfAborted();
    const relativePath = normaliseRelative(source.relativePath ?? path.basename(source.path));
    const info = await stat(source.path).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) found.push({ file: refused(source.path, relativePath, 0, unreadable(info)) });
    else if (info.isDirectory()) {
      const walking: Walk = {
        folder: source.path,
        limits,
        entries: 0,
        deadline: AbortSignal.timeout(limits.maxMs),
        signal,
      };
      for await (const entry of walk(walking, source.path, relativePath)) found.push(entry);
    } else found.push({ path: source.path, relativePath });
  }
  // Checked a few at a time, results kept in the order the files were found.
  const files = new Array<InspectedFile>(found.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < found.length; index = next++) {
      signal?.throwIfAborted();
      const entry = found[index] as InspectedFile | { path: string; relativePath: string };
      files[index] = "file" in entry ? entry : await inspect(entry.path, entry.relativePath);
    }
  };
  await Promise.all(Array.from({ length: CHECKS_AT_ONCE }, worker));
  return files;
}

/** One dropped folder's walk, and what it has spent of its limits. */
interface Walk {
  folder: string;
  limits: WalkLimits;
  entries: number;
  deadline: AbortSignal;
  signal: AbortSignal | undefined;
}

/** Stops the walk when the caller cancels, or past its count or time. */
function checkWalk(walking: Walk): void {
  walking.signal?.throwIfAborted();
  const { folder, limits } = walking;
  if (walking.entries > limits.maxEntries) {
    throw new PicopsError(
      "folder-too-large",
      "folder-too-many-entries",
      { folder, max: limits.maxEntries },
      { status: 413 },
    );
  }
  if (walking.deadline.aborted) {
    const seconds = Math.round(limits.maxMs / 1000);
    throw new PicopsError("folder-too-large", "folder-walk-too-long", { folder, seconds }, { status: 413 });
  }
}

async function* walk(
  walking: Walk,
  folder: string,
  relative: string,
): AsyncGenerator<{ path: string; relativePath: string }> {
  // Read entry by entry, so a folder of a million files is refused at the limit, not listed whole.
  const entries: Dirent[] = [];
  for await (const entry of await opendir(folder)) {
    walking.entries += 1;
    checkWalk(walking);
    entries.push(entry);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    checkWalk(walking);
    // Hidden files (.DS_Store, Thumbs.db's kin) are never what a designer meant to upload.
    if (entry.name.startsWith(".")) continue;
    const full = path.join(folder, entry.name);
    const child = `${relative}/${entry.name}`;
    if (entry.isDirectory()) yield* walk(walking, full, child);
    else if (entry.isFile()) yield { path: full, relativePath: child };
  }
}

/** One file looked at as a dropped one is, with the header read on the way (for the plan's checks). */
export function inspectFile(filePath: string, relativePath: string): Promise<InspectedFile> {
  return inspect(filePath, relativePath);
}

/**
 * The file's first bytes (enough for the picture header the plan's checks read, which is
 * kept, so a Start reads no file twice), its header and its last bytes.
 */
async function inspect(filePath: string, relativePath: string): Promise<InspectedFile> {
  let size = 0;
  let head = Buffer.alloc(HEADER_BYTES);
  const tail = Buffer.alloc(TRAILER_BYTES);
  try {
    const handle = await open(filePath, "r");
    try {
      size = (await handle.stat()).size;
      head = head.subarray(0, (await handle.read(head, 0, HEADER_BYTES, 0)).bytesRead);
      await handle.read(tail, 0, TRAILER_BYTES, Math.max(0, size - TRAILER_BYTES));
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { file: refused(filePath, relativePath, size, unreadable(error as NodeJS.ErrnoException)) };
  }
  if (size > MAX_INPUT_BYTES) {
    const problem = {
      code: "too-large" as const,
      message: `${formatMegabytes(size)} is over COS's 32 MB limit for processing.`,
    };
    return { file: refused(filePath, relativePath, size, problem) };
  }
  const format = sniffImageFormat(head.subarray(0, SNIFF_BYTES));
  if (!format) {
    const problem = {
      code: "not-an-image" as const,
      message: "This file is not an image (its content is not JPEG, PNG, GIF, WebP, BMP, AVIF or HEIF).",
    };
    return { file: refused(filePath, relativePath, size, problem) };
  }
  const header = await readHeader(filePath, format, head);
  const problem = header.problem ?? damaged(format, truncationProblem(format, head, tail, size));
  if (problem) return { file: refused(filePath, relativePath, size, problem, format) };
  const { width, height, animated } = header;
  const file: IntakeFile = {
    id: randomUUID(),
    path: filePath,
    relativePath,
    size,
    format,
    width,
    height,
    animated,
  };
  return { file, header: header.picture };
}

interface Header {
  problem?: IntakeProblem;
  width?: number;
  height?: number;
  animated?: boolean;
  picture?: PictureHeader;
}

/**
 * Reads the image's header as the plan's checks read it (libvips, off the main thread; a
 * BMP's by hand, libvips reading none): its pixel size and frames for the list, or what is
 * wrong with it (a damaged header, too many pixels).
 */
async function readHeader(filePath: string, format: SniffedFormat, head: Buffer): Promise<Header> {
  const reading = await readFileHeaderFrom(head, filePath);
  if ("failure" in reading) {
    const problem = damaged(format, reading.failure.split("\n")[0]?.replace(/^Input file /, ""));
    return problem ? { problem } : {};
  }
  const picture = reading.header;
  if (!picture) return {};
  const { width, height, frames } = picture;
  if (width * height * frames > MAX_PIXELS) {
    return {
      problem: {
        code: "too-many-pixels",
        message: `This image has ${width}×${height} pixels, more than COS's 250 million.`,
        detail: `${width}×${height}`,
      },
    };
  }
  return { width, height, animated: frames > 1, picture };
}

function damaged(format: SniffedFormat, reason: string | undefined): IntakeProblem | undefined {
  if (!reason) return undefined;
  return {
    code: "corrupt",
    message: `This ${format.toUpperCase()} file is damaged (${reason}).`,
    detail: reason,
  };
}

function refused(
  filePath: string,
  relativePath: string,
  size: number,
  problem: IntakeProblem,
  format?: SniffedFormat,
): IntakeFile {
  const file: IntakeFile = { id: randomUUID(), path: filePath, relativePath, size, problem };
  if (format) file.format = format;
  return file;
}

function unreadable(error: NodeJS.ErrnoException): IntakeProblem {
  const reason =
    error.code === "ENOENT"
      ? "it no longer exists"
      : error.code === "EACCES"
        ? "permission denied"
        : (error.code ?? "unknown error");
  return {
    code: "unreadable",
    message: `This file cannot be read (${reason}).`,
    detail: error.code ?? "unknown",
  };
}

function normaliseRelative(relative: string): string {
  return relative
    .split(/[\\/]+/)
    .filter((segment) => segment !== "" && segment !== "." && segment !== "..")
    .join("/");
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
