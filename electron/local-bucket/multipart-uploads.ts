import { randomBytes } from "node:crypto";
import { compareKeys } from "./keys";
import type { ObjectAttributes, StagedBody } from "./store";

/**
 * The multipart uploads of one bucket that are under way (reference §3: Initiate, Upload
 * Part, List Parts, Complete, Abort, and the bucket's list of uploads). Parts are staged
 * bodies in the bucket's folder; they are kept in memory only, so uploads do not survive a
 * restart of the Local bucket — start-up sweeps their files like any other temp file, and
 * the SDKs, finding no upload to resume, start a new one.
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

export class MultipartUploads {
  private readonly uploads = new Map<string, MultipartUpload>();

  constructor(private readonly discard: (body: StagedBody) => Promise<void>) {}

  initiate(key: string, attributes: ObjectAttributes): MultipartUpload {
    // COS's upload ids are long opaque hex strings that start with the time in seconds.
    const uploadId = `${Math.floor(Date.now() / 1000)}${randomBytes(24).toString("hex")}`;
    const upload = { uploadId, key, attributes, initiated: new Date().toISOString(), parts: new Map() };
    this.uploads.set(uploadId, upload);
    return upload;
  }

  /** The upload `uploadId` of `key`; an id given for another key names no upload. */
  find(key: string, uploadId: string): MultipartUpload | undefined {
    const upload = this.uploads.get(uploadId);
    return upload?.key === key ? upload : undefined;
  }

  /**
   * Adds a part, replacing one uploaded earlier under the same number. False (and the body
   * discarded) when the upload was completed or aborted while the part was arriving.
   */
  async addPart(upload: MultipartUpload, part: UploadedPart): Promise<boolean> {
    if (this.uploads.get(upload.uploadId) !== upload) {
      await this.discard(part.body);
      return false;
    }
    const replaced = upload.parts.get(part.partNumber);
    upload.parts.set(part.partNumber, part);
    if (replaced) await this.discard(replaced.body);
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

  async abort(upload: MultipartUpload): Promise<void> {
    this.uploads.delete(upload.uploadId);
    await Promise.all([...upload.parts.values()].map((part) => this.discard(part.body)));
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
