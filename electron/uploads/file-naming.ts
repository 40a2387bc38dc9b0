import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { NamingInputs, PlanSource } from "../../shared/uploads/plan";

const RANDOM_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * What names each file of the upload list, fixed from the moment it joins the list: the plan
 * the designer reads and the batch that runs must give every file the same key, so
 * `{random}` and `{uuid}` come from a secret seed per file rather than from each call.
 */
export class FileNaming {
  readonly #named = new Map<string, { addedAt: Date; seed: Buffer; md5?: Promise<string> }>();

  constructor(private readonly randomSeed: () => Buffer) {}

  /** Fixes the naming moment of files that just joined the list. */
  add(ids: Iterable<string>): void {
    for (const id of ids) this.#entry(id);
  }

  /** What names the file: its moment, its MD5 (unless not wanted) and its seeded randomness. */
  async inputsFor(file: { id: string; path: string }, withMd5 = true): Promise<NamingInputs> {
    const entry = this.#entry(file.id);
    return {
      now: entry.addedAt,
      md5: withMd5 ? await this.md5(file) : undefined,
      random: (length) => randomText(entry.seed, "random", length),
      uuid: () => uuidFrom(entry.seed),
    };
  }

  /** The MD5 of a file of the list, read once (again after a failed read). */
  md5(file: { id: string; path: string }): Promise<string> {
    const entry = this.#entry(file.id);
    if (!entry.md5) {
      const reading = md5OfFile(file.path);
      entry.md5 = reading;
      reading.catch(() => {
        if (entry.md5 === reading) entry.md5 = undefined;
      });
    }
    return entry.md5;
  }

  /**
   * The files as plan sources: named, and with their MD5 so identical files are found; a file
   * `needsMd5` turns down goes without (reading it means reading every byte of the file).
   */
  async sources<T extends PlanSource & { path: string }>(
    files: T[],
    needsMd5: (file: T) => boolean = () => true,
  ): Promise<T[]> {
    return Promise.all(
      files.map(async (file) => {
        const naming = await this.inputsFor(file, needsMd5(file));
        return { ...file, naming, md5: naming.md5 };
      }),
    );
  }

  forget(ids: Iterable<string>): void {
    for (const id of ids) this.#named.delete(id);
  }

  #entry(id: string) {
    let entry = this.#named.get(id);
    if (!entry) {
      entry = { addedAt: new Date(), seed: this.randomSeed() };
      this.#named.set(id, entry);
    }
    return entry;
  }
}

export async function md5OfFile(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash("md5");
  for await (const chunk of createReadStream(path, { signal })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function randomText(seed: Buffer, purpose: string, length: number): string {
  const bytes = createHash("sha256").update(seed).update(purpose).digest();
  return [...bytes.subarray(0, length)]
    .map((byte) => RANDOM_ALPHABET[byte % RANDOM_ALPHABET.length])
    .join("");
}

function uuidFrom(seed: Buffer): string {
  const bytes = createHash("sha256").update(seed).update("uuid").digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
