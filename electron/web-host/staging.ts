import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Larger files are refused while streaming; intake refuses anything over 32 MB anyway. */
export const MAX_STAGED_BYTES = 1024 * 1024 * 1024;

/**
 * In a browser, dropped files have no path the main process can read, so the page streams
 * each one here first; the staged copy's path then goes through the same `files.add` call
 * Electron uses with real paths.
 *
 * A copy is kept while anything may still read it — the upload list, or a batch item not
 * yet done (failed and cancelled items can be retried, interrupted batches resumed after a
 * restart) — and removed by `sweep` once nothing does. A copy staged in this run that no
 * `files.add` has claimed yet is kept too (the page adds files right after staging them);
 * one never claimed is swept at the next launch.
 */
export class StagingArea {
  readonly #unclaimed = new Set<string>();
  #sweeping: Promise<void> = Promise.resolve();

  /** `pathsInUse` lists every staged path the upload list and the batches still refer to. */
  constructor(
    readonly dir: string,
    private readonly pathsInUse: () => Set<string>,
  ) {}

  stage(request: IncomingMessage): Promise<string> {
    return this.#write(stagedName(request), request);
  }

  /** A file that arrived whole some other way (a form posted to the PicGo endpoint, the clipboard). */
  stageBytes(name: string, bytes: Uint8Array): Promise<string> {
    return this.#write(safeSegment(name), Readable.from([bytes]));
  }

  async #write(name: string, source: Readable): Promise<string> {
    const folder = path.join(this.dir, randomUUID());
    const target = path.join(folder, name);
    // Before the folder exists, so that no sweep can see the folder and not the claim.
    this.#unclaimed.add(target);
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        callback(size > MAX_STAGED_BYTES ? new Error("too large") : null, chunk);
      },
    });
    try {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      await pipeline(source, limit, createWriteStream(target, { mode: 0o600 }));
    } catch (error) {
      this.#unclaimed.delete(target);
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
    return target;
  }

  /** Removes copies that will never be added (an editor's request that was refused). */
  async discard(files: string[]): Promise<void> {
    for (const file of files) {
      this.#unclaimed.delete(file);
      await rm(path.dirname(file), { recursive: true, force: true });
    }
  }

  /**
   * Removes every staged copy nothing refers to; sweeps run one at a time. What is in use
   * is read when asked (so a copy added to the list counts as claimed at once) and again
   * before removing. Resolves to the folders removed.
   */
  sweep(): Promise<string[]> {
    const inUse = this.pathsInUse();
    for (const file of this.#unclaimed) if (inUse.has(file)) this.#unclaimed.delete(file);
    const run = this.#sweeping.then(() => this.#removeUnused(inUse));
    this.#sweeping = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async #removeUnused(inUseWhenAsked: Set<string>): Promise<string[]> {
    const entries = await readdir(this.dir, { withFileTypes: true }).catch(() => []);
    // Read after the listing: a copy being staged is unclaimed before its folder exists, so
    // every folder listed is either kept here or was already unused.
    const inUse = [...inUseWhenAsked, ...this.pathsInUse(), ...this.#unclaimed];
    // Each copy has a folder of its own, so a folder is kept when one of its files is.
    const keptFolders = new Set(inUse.map((file) => path.dirname(file)));
    const removed: string[] = [];
    for (const entry of entries) {
      const folder = path.join(this.dir, entry.name);
      if (!entry.isDirectory() || keptFolders.has(folder)) continue;
      await rm(folder, { recursive: true, force: true });
      removed.push(folder);
    }
    return removed;
  }
}

/** The dropped file's own name, made safe to use as one path segment. */
function stagedName(request: IncomingMessage): string {
  const rawName = String(request.headers["x-picops-file-name"] ?? "file");
  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    name = "file";
  }
  return safeSegment(name);
}

function safeSegment(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is replaced
  return path.basename(name).replace(/[\\/\u0000-\u001f]/g, "_") || "file";
}
