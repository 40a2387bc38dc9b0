import { z } from "zod";
import { issueText } from "../error-messages";
import { utf8ByteLength } from "./names";

/**
 * Every PutObject option the upload panel offers (the seed's `ci_put_object` set, reference
 * §3 "Headers for PUT"). The panel validates with this schema and the client maps the same
 * fields to headers, so an option the panel accepts is one the client can send.
 */

export const OBJECT_ACLS = ["private", "public-read", "default"] as const;

export const STORAGE_CLASSES = [
  "STANDARD",
  "STANDARD_IA",
  "ARCHIVE",
  "DEEP_ARCHIVE",
  "INTELLIGENT_TIERING",
  "MAZ_STANDARD",
  "MAZ_STANDARD_IA",
  "MAZ_INTELLIGENT_TIERING",
] as const;

/** `x-cos-traffic-limit` bounds in bits/s: 100 KB/s to 100 MB/s. */
export const TRAFFIC_LIMIT_MIN = 819_200;
export const TRAFFIC_LIMIT_MAX = 838_860_800;
const TRAFFIC_LIMIT_RANGE = { min: TRAFFIC_LIMIT_MIN, max: TRAFFIC_LIMIT_MAX };

/**
 * COS caps user metadata at 2 KB. We count the UTF-8 bytes of every name (without the
 * `x-cos-meta-` prefix) and value, as S3 does; the exact COS rule is unconfirmed (§10).
 */
export const METADATA_MAX_BYTES = 2048;

/** Metadata names travel as header names: letters, digits, `-` and `_` only. */
const METADATA_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Header values must be printable ASCII: anything else is mangled or refused on the wire. */
const HEADER_VALUE = /^[\x20-\x7e\t]*$/;

/*
 * Every check is a refinement with `issueText`: zod keeps `params` only on custom issues,
 * and the id and values in them are what lets the panel word the problem in Chinese.
 */

const headerValue = (field: string) =>
  z.string().refine((value) => HEADER_VALUE.test(value), issueText("header-value-characters", { field }));

/** `id="qcs::cam::uin/100000000001:uin/100000000001"`, comma-separated for several grantees. */
const GRANTEES = /^id="[^"]+"(?:\s*,\s*id="[^"]+")*$/;
const grantee = (field: string) =>
  z.string().refine((value) => GRANTEES.test(value), issueText("grantees-format", { field }));

const CONTENT_MD5 = /^[A-Za-z0-9+/]{22}==$/;

export const MetadataSchema = z.record(z.string(), z.string()).superRefine((metadata, ctx) => {
  const seen = new Set<string>();
  let bytes = 0;
  for (const [name, value] of Object.entries(metadata)) {
    if (!METADATA_NAME.test(name)) {
      ctx.addIssue({ code: "custom", path: [name], ...issueText("metadata-name-characters", { name }) });
    }
    // Header names are case-insensitive, so `Author` and `author` would overwrite each other.
    const lower = name.toLowerCase();
    if (seen.has(lower)) {
      ctx.addIssue({ code: "custom", path: [name], ...issueText("metadata-name-twice", { name }) });
    }
    seen.add(lower);
    if (!HEADER_VALUE.test(value)) {
      ctx.addIssue({ code: "custom", path: [name], ...issueText("metadata-value-characters", { name }) });
    }
    bytes += utf8ByteLength(name) + utf8ByteLength(value);
  }
  if (bytes > METADATA_MAX_BYTES) {
    ctx.addIssue({
      code: "custom",
      path: [],
      ...issueText("metadata-too-large", { bytes, maxBytes: METADATA_MAX_BYTES }),
    });
  }
});

export const PutObjectOptionsSchema = z
  .strictObject({
    acl: z.enum(OBJECT_ACLS).optional(),
    grantFullControl: grantee("GrantFullControl").optional(),
    grantRead: grantee("GrantRead").optional(),
    storageClass: z.enum(STORAGE_CLASSES).optional(),
    /** HTTP date after which caches treat the object as stale. */
    expires: headerValue("Expires")
      .refine((value) => !Number.isNaN(Date.parse(value)), issueText("expires-not-date"))
      .optional(),
    cacheControl: headerValue("CacheControl").optional(),
    contentType: headerValue("ContentType").optional(),
    contentDisposition: headerValue("ContentDisposition").optional(),
    contentEncoding: headerValue("ContentEncoding").optional(),
    contentLanguage: headerValue("ContentLanguage").optional(),
    /** When given it must equal the body's size; the client always sends the real size. */
    contentLength: z.number().int().nonnegative().optional(),
    /** Base64 of the body's binary MD5 (24 characters); COS answers BadDigest on mismatch. */
    contentMd5: z
      .string()
      .refine((value) => CONTENT_MD5.test(value), issueText("content-md5-format"))
      .optional(),
    /** Ask the client to compute Content-MD5 from the body (reads a file body twice). */
    computeMd5: z.boolean().optional(),
    /** `x-cos-meta-<name>` headers, names given without the prefix. */
    metadata: MetadataSchema.optional(),
    trafficLimit: z
      .number()
      .refine(Number.isSafeInteger, {
        ...issueText("traffic-limit-whole", TRAFFIC_LIMIT_RANGE),
        abort: true,
      })
      .refine(
        (limit) => limit >= TRAFFIC_LIMIT_MIN && limit <= TRAFFIC_LIMIT_MAX,
        issueText("traffic-limit-range", TRAFFIC_LIMIT_RANGE),
      )
      .optional(),
  })
  .refine((options) => !(options.contentMd5 !== undefined && options.computeMd5 === true), {
    ...issueText("content-md5-twice"),
    path: ["computeMd5"],
  });

export type PutObjectOptions = z.infer<typeof PutObjectOptionsSchema>;
