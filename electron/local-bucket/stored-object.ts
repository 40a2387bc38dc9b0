/**
 * What an object and a staged body are, shared by the store and the multipart uploads it holds
 * (each needs the other's types; declared here so neither imports the other for them).
 */

/** What GET/HEAD send back besides the body (reference §3, "Headers for PUT"). */
export interface ObjectAttributes {
  contentType: string;
  /** Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires, x-cos-meta-*, lowercase names. */
  headers: Record<string, string>;
  storageClass: string;
  acl: string | undefined;
}

/** A body written to a temp file and fsynced, waiting to be committed or discarded. */
export interface StagedBody {
  readonly path: string;
  readonly size: number;
  readonly md5: Buffer;
}
