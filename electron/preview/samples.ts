import { readFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import { PicopsError, ThrownAppError } from "../../shared/errors";
import type { PreviewSample } from "../../shared/ipc/channels/preview";
import { checkRule } from "../../shared/rules/index";
import type { CosClient } from "../cos/client";
import { ENGINE_LIMITS, type ProcessOutput, processImage } from "../engine/index";
import { type PictureFacts, readPicture } from "./picture";

/** The longest side of the working copy the interactive preview runs on. */
export const WORKING_COPY_MAX_SIDE = 1600;

/**
 * Made by the engine itself, so the working copy keeps the original's format, quality
 * and EXIF: a rule without `format/` or `quality/` behaves on it as on the original.
 */
const WORKING_COPY_RULE = checkRule(
  `imageMogr2/thumbnail/${WORKING_COPY_MAX_SIDE}x${WORKING_COPY_MAX_SIDE}>`,
).pipeline;

/** The working copy of an original larger than WORKING_COPY_MAX_SIDE, as the preview makes it. */
export function makeWorkingCopy(original: Buffer): Promise<ProcessOutput> {
  return processImage(original, WORKING_COPY_RULE);
}

/** A sample ready to preview: the original in memory and, when it is large, its working copy. */
export interface LoadedSample {
  original: Buffer;
  facts: PictureFacts;
  /** Absent when the original is small enough to work on directly. */
  working: ProcessOutput | undefined;
}

export interface SampleSources {
  /** The path of a file the designer added, by intake id. */
  filePath(fileId: string): string | undefined;
  /** The active connection: its id (for cache keys) and client. */
  connection(): Promise<{ id: string; client: CosClient }>;
}

/**
 * Loaded samples, least recently used first out once the byte budget is spent: switching
 * back to a sample costs nothing, and a 24 MP original is downscaled only once.
 */
export class SampleLibrary {
  readonly #loaded = new Map<string, { sample: Promise<LoadedSample>; bytes: number }>();

  constructor(
    private readonly sources: SampleSources,
    private readonly budgetBytes = 256 * 1024 * 1024,
  ) {}

  /**
   * Loading is shared by every request for the same sample and is not cancelled when one
   * of them is superseded: the next request for it (the usual case) needs it anyway.
   */
  async get(sample: PreviewSample): Promise<LoadedSample> {
    const id = await this.#idOf(sample);
    const known = this.#loaded.get(id);
    if (known) {
      this.#loaded.delete(id);
      this.#loaded.set(id, known);
      return known.sample;
    }
    const entry = { sample: this.#load(sample), bytes: 0 };
    this.#loaded.set(id, entry);
    try {
      const loaded = await entry.sample;
      entry.bytes = loaded.original.length + (loaded.working?.data.length ?? 0);
      this.#trim(id);
      return loaded;
    } catch (error) {
      this.#loaded.delete(id);
      throw error;
    }
  }

  async #idOf(sample: PreviewSample): Promise<string> {
    if (sample.kind === "file") return ["file", sample.fileId, this.#pathOf(sample.fileId)].join("\u0000");
    const { id } = await this.sources.connection();
    return ["object", id, sample.bucket, sample.key, sample.etag ?? ""].join("\u0000");
  }

  #pathOf(fileId: string): string {
    const path = this.sources.filePath(fileId);
    if (path === undefined) throw new PicopsError("not-found", "sample-gone");
    return path;
  }

  async #load(sample: PreviewSample): Promise<LoadedSample> {
    const original =
      sample.kind === "file" ? await this.#readFile(sample.fileId) : await this.#download(sample);
    const facts = await readPicture(original);
    const large = Math.max(facts.width, facts.height) > WORKING_COPY_MAX_SIDE;
    return { original, facts, working: large ? await makeWorkingCopy(original) : undefined };
  }

  async #readFile(fileId: string): Promise<Buffer> {
    try {
      return await readFile(this.#pathOf(fileId));
    } catch (error) {
      if (error instanceof ThrownAppError) throw error;
      throw new PicopsError("file-unreadable", "sample-unreadable");
    }
  }

  async #download(sample: Extract<PreviewSample, { kind: "object" }>): Promise<Buffer> {
    const { client } = await this.sources.connection();
    const { metadata, body } = await client.getObject({ bucket: sample.bucket, key: sample.key });
    if (metadata.contentLength > ENGINE_LIMITS.maxInputBytes) {
      body.destroy();
      throw new PicopsError("EntityTooLarge", "sample-too-large", {
        key: sample.key,
        megabytes: (metadata.contentLength / 1024 / 1024).toFixed(1),
      });
    }
    return readAll(body);
  }

  #trim(keep: string): void {
    let total = 0;
    for (const entry of this.#loaded.values()) total += entry.bytes;
    for (const [id, entry] of this.#loaded) {
      if (total <= this.budgetBytes) break;
      if (id === keep) continue;
      this.#loaded.delete(id);
      total -= entry.bytes;
    }
  }
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
