import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../fs-atomic";
import { compareKeys } from "./keys";
import type { ObjectAttributes, StagedBody } from "./stored-object";

/**
 * The multipart uploads of one bucket that are under way (reference §3: Initiate, Upload
 * Part, List Parts, Complete, Abort, and the bucket's list of uploads). They outlive a
 * restart of the Local bucket, as they do in COS, so an SDK can resume one: each upload is
 * `<uploadId>.json` in the bucket's `uploads` folder, and each part a file beside it named
 * `<uploadId>.<partNumber>.<md5 hex>.part` (its size and time are the file's own).
 */

export interface UploadedPart {
  partNumber: number;
  body: StagedBody;
  /** Quoted MD5 hex, as the Upload Part answer's ETag. */
  etag: string;
  lastModified: string;
}

export interface MultipartUpload {
  uploadId: string;
  key: string;
  /** The headers of the Initiate call, which the completed object keeps. */
  attributes: ObjectAttributes;
  initiated: string;
  parts: Map<number, UploadedPart>;
}

export interface UploadsPage {
  uploads: MultipartUpload[];
  isTruncated: boolean;
  nextKeyMarker?: string;
  nextUploadIdMarker?: string;
}

/** What `<uploadId>.json` keeps of an upload. */
type UploadRecord = Omit<MultipartUpload, "parts">;

function isUploadRecord(value: unknown): value is UploadRecord {
  const v = value as Partial<UploadRecord> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.uploadId === "string" &&
    /^[0-9a-f]+$/.test(v.uploadId) &&
    typeof v.key === "string" &&
    typeof v.initiated === "string" &&
    typeof v.attributes === "object" &&
    v.attributes !== null
  );
}

const PART_FILE = /^([0-9a-f]+)\.(\d+)\.([0-9a-f]{32})\.part$/;

export class MultipartUploads {
  private readonly uploads = new Map<string, MultipartUpload>();

  private constructor(private readonly dir: string) {}

  /**
   * The uploads under way in `dir` (created if needed), each with the parts it had received.
   * Parts of no upload (one completed or aborted just before a crash) and temp files are removed.
   */
  static async open(dir: string): Promise<MultipartUploads> {
    await mkdir(dir, { recursive: true });
    const uploads = new MultipartUploads(dir);
    const names = await readdir(dir);
    for (const name of names.filter((n) => n.endsWith(".json") && !n.startsWith("."))) {
      try {
        const record: unknown = JSON.parse(await readFile(join(dir, name), "utf8"));
        if (isUploadRecord(record) && name === `${record.uploadId}.json`) {
          uploads.uploads.set(record.uploadId, { ...record, parts: new Map() });
        }
      } catch {
        // A record is only ever renamed into place whole; an unreadable one is left for a person.
      }
    }
    const leftovers = names.filter((n) => n.endsWith(".tmp")).map((n) => join(dir, n));
    for (const name of names) {
      const match = PART_FILE.exec(name);
      if (!match) continue;
      const [, uploadId = "", number = "", md5 = ""] = match;
      const upload = uploads.uploads.get(uploadId);
      const path = join(dir, name);
      if (!upload) {
        leftovers.push(path);
        continue;
      }
      const info = await stat(path);
      const part: UploadedPart = {
        partNumber: Number(number),
        body: { path, size: info.size, md5: Buffer.from(md5, "hex") },
        etag: `"${md5}"`,
        lastModified: info.mtime.toISOString(),
      };
      // A part sent again replaces the earlier one, which a crash may have left behind.
      const earlier = upload.parts.get(part.partNumber);
      if (earlier && earlier.lastModified > part.lastModified) {
        leftovers.push(path);
        continue;
      }
      if (earlier) leftovers.push(earlier.body.path);
      upload.parts.set(part.partNumber, part);
    }
    await Promise.all(leftovers.map((path) => unlink(path).catch(() => undefined)));
    return uploads;
  }

  async initiate(key: string, attributes: ObjectAttributes): Promise<MultipartUpload> {
    // COS's upload ids are long opaque hex strings that start with the time in seconds.
    const uploadId = `${Math.floor(Date.now() / 1000)}${randomBytes(24).toString("hex")}`;
    const record: UploadRecord = { uploadId, key, attributes, initiated: new Date().toISOString() };
    await writeFileAtomic(this.#recordPath(uploadId), JSON.stringify(record));
    const upload = { ...record, parts: new Map() };
    this.uploads.set(uploadId, upload);
    return upload;
  }

  /** The upload `uploadId` of `key`; an id given for another key names no upload. */
  find(key: string, uploadId: string): MultipartUpload | undefined {
    const upload = this.uploads.get(uploadId);
    return upload?.key === key ? upload : undefined;
  }

  /**
   * Adds a part (a staged body, moved into the uploads folder), replacing one uploaded earlier
   * under the same number. False (and the body discarded) when the upload was completed or
   * aborted while the part was arriving.
   */
  async addPart(upload: MultipartUpload, part: UploadedPart): Promise<boolean> {
    const current = () => this.uploads.get(upload.uploadId) === upload;
    if (!current()) {
      await this.discard(part.body);
      return false;
    }
    const path = join(
      this.dir,
      `${upload.uploadId}.${part.partNumber}.${part.body.md5.toString("hex")}.part`,
    );
    await rename(part.body.path, path);
    const kept: UploadedPart = { ...part, body: { ...part.body, path } };
    if (!current()) {
      await this.discard(kept.body);
      return false;
    }
    const replaced = upload.parts.get(part.partNumber);
    upload.parts.set(part.partNumber, kept);
    // The same bytes sent again land on the same name, which must then stay.
    if (replaced && replaced.body.path !== path) await this.discard(replaced.body);
    return true;
  }

  /** Takes the upload out of the list, so no part can join it while it is being completed. */
  take(upload: MultipartUpload): boolean {
    return this.uploads.delete(upload.uploadId);
  }

  /** Puts back an upload whose completion failed: the designer may fix the part list and retry. */
  restore(upload: MultipartUpload): void {
    this.uploads.set(upload.uploadId, upload);
  }

  /** Drops the upload and its parts: on Abort, and once a completion has stored the object. */
  async abort(upload: MultipartUpload): Promise<void> {
    this.uploads.delete(upload.uploadId);
    await unlink(this.#recordPath(upload.uploadId)).catch(() => undefined);
    await Promise.all([...upload.parts.values()].map((part) => this.discard(part.body)));
  }

  /** Removes a part's file (or a staged body that was to become one). */
  private async discard(body: StagedBody): Promise<void> {
    await unlink(body.path).catch(() => undefined);
  }

  #recordPath(uploadId: string): string {
    return join(this.dir, `${uploadId}.json`);
  }

  /** Uploads whose key starts with `prefix`, by key then upload id, after the markers. */
  list(query: {
    prefix: string;
    keyMarker: string;
    uploadIdMarker: string;
    maxUploads: number;
  }): UploadsPage {
    const after = (upload: MultipartUpload) => {
      if (query.keyMarker === "") return true;
      const order = compareKeys(upload.key, query.keyMarker);
      return (
        order > 0 || (order === 0 && query.uploadIdMarker !== "" && upload.uploadId > query.uploadIdMarker)
      );
    };
    const matching = [...this.uploads.values()]
      .filter((upload) => upload.key.startsWith(query.prefix) && after(upload))
      .sort((a, b) => compareKeys(a.key, b.key) || (a.uploadId < b.uploadId ? -1 : 1));
    const uploads = matching.slice(0, query.maxUploads);
    const last = uploads.at(-1);
    const isTruncated = matching.length > uploads.length;
    return isTruncated && last
      ? { uploads, isTruncated, nextKeyMarker: last.key, nextUploadIdMarker: last.uploadId }
      : { uploads, isTruncated };
  }
}
