import { splitBucketName } from "../../shared/cos/names";
import { cosEncode } from "./signature";

/**
 * Where a bucket's requests go (reference §2, §11). One client serves many buckets, so the
 * endpoint is a rule that turns (bucket, region, key) into a URL rather than a fixed host.
 */
export type CosEndpoint =
  /** `https://<bucket>.cos.<region>.myqcloud.com/<key>`, COS's default. */
  | { kind: "virtual-host"; protocol?: "https:" | "http:" }
  /**
   * A host template, as the Node SDK's `Domain`: `{Bucket}` (long name), `{BucketName}`
   * (short name), `{AppId}`, `{Region}`; a path after the host (`127.0.0.1:9000/{Bucket}`)
   * gives path-style URLs.
   */
  | { kind: "custom-domain"; domain: string; protocol?: "https:" | "http:" }
  /** A base URL under which each bucket is a folder: `http://127.0.0.1:9000/<bucket>/<key>`. */
  | { kind: "path-style"; baseUrl: string };

/** What a request needs: where to connect, the path to send and the path to sign. */
export interface RequestTarget {
  /** `scheme://host[:port]`. */
  origin: string;
  /** The `Host` header, which is also the signed host. */
  host: string;
  /** Percent-encoded path sent on the wire (bucket folder included for path-style). */
  path: string;
  /** Decoded `/<key>`: COS signs the key path only, whatever the URL's prefix (§11). */
  signedPath: string;
}

/** A key as it appears in a URL: §1.3 encoding, `/` kept literal. */
export function encodeKey(key: string): string {
  return cosEncode(key).replace(/%2F/g, "/");
}

function fillDomainTemplate(template: string, bucket: string, region: string): string {
  const names = splitBucketName(bucket);
  const shortName = names?.shortName ?? bucket;
  const appId = names?.appId ?? "";
  // `{{…}}` forms first, exactly as the Node SDK does, so a template written for it works here.
  return template
    .replace(/\{\{AppId\}\}/gi, appId)
    .replace(/\{\{Bucket\}\}/gi, shortName)
    .replace(/\{\{Region\}\}/gi, region)
    .replace(/\{AppId\}/gi, appId)
    .replace(/\{BucketName\}/gi, shortName)
    .replace(/\{Bucket\}/gi, bucket)
    .replace(/\{Region\}/gi, region);
}

/** The bucket's base URL without a trailing slash (may carry a path for path-style). */
function bucketBase(endpoint: CosEndpoint, bucket: string, region: string): string {
  switch (endpoint.kind) {
    case "virtual-host":
      return `${endpoint.protocol ?? "https:"}//${bucket}.cos.${region}.myqcloud.com`;
    case "custom-domain": {
      const domain = fillDomainTemplate(endpoint.domain, bucket, region).replace(/\/+$/, "");
      return /^[a-z]+:\/\//i.test(domain) ? domain : `${endpoint.protocol ?? "https:"}//${domain}`;
    }
    case "path-style":
      return `${endpoint.baseUrl.replace(/\/+$/, "")}/${encodeURIComponent(bucket)}`;
  }
}

function targetFromBase(base: string, key: string): RequestTarget {
  const url = new URL(base);
  const prefix = url.pathname === "/" ? "" : url.pathname;
  return {
    origin: url.origin,
    host: url.host,
    path: `${prefix}/${encodeKey(key)}`,
    signedPath: `/${key}`,
  };
}

/** The object's (or, with key `""`, the bucket root's) request target on the cos host. */
export function objectTarget(
  endpoint: CosEndpoint,
  bucket: string,
  region: string,
  key: string,
): RequestTarget {
  return targetFromBase(bucketBase(endpoint, bucket, region), key);
}

/** `<bucket>.pic.<region>.myqcloud.com`: the host of the image style API (§7.6). */
export function picHost(bucket: string, region: string): string {
  return `${bucket}.pic.${region}.myqcloud.com`;
}

/**
 * The bucket root on the style API's host. A path-style base URL keeps serving it (a local
 * bucket has one host for everything); a custom domain names the cos host only, so styles
 * go to COS's own pic host.
 */
export function styleTarget(endpoint: CosEndpoint, bucket: string, region: string): RequestTarget {
  if (endpoint.kind === "path-style") return objectTarget(endpoint, bucket, region, "");
  const protocol = endpoint.protocol ?? "https:";
  return targetFromBase(`${protocol}//${picHost(bucket, region)}`, "");
}

/**
 * A path on the bucket's Cloud Infinite host, `<bucket>.ci.<region>.myqcloud.com`, where
 * batch jobs live (docs/ci-batch-jobs.md). A custom domain names the cos host only, so jobs go
 * to CI's own host. A path-style base URL (the Local bucket) keeps its origin but is sent the
 * ci host name as `Host`, `<bucket>.ci.<region>.localhost`: `/<bucket>/inventorytriggerjob`
 * would be an object key there, so the host is what tells the two apart, as on COS.
 */
export function ciTarget(endpoint: CosEndpoint, bucket: string, region: string, path: string): RequestTarget {
  if (endpoint.kind === "path-style") {
    const base = new URL(endpoint.baseUrl);
    const port = base.port === "" ? "" : `:${base.port}`;
    return { origin: base.origin, host: `${bucket}.ci.${region}.localhost${port}`, path, signedPath: path };
  }
  const url = new URL(`${endpoint.protocol ?? "https:"}//${bucket}.ci.${region}.myqcloud.com`);
  return { origin: url.origin, host: url.host, path, signedPath: path };
}

/** The full URL of an object, as a browser or a log would show it. */
export function objectUrl(endpoint: CosEndpoint, bucket: string, region: string, key: string): string {
  const target = objectTarget(endpoint, bucket, region, key);
  return `${target.origin}${target.path}`;
}

/** COS's `Location` form: the object URL without its scheme (UploadResult, §5.3). */
export function objectLocation(endpoint: CosEndpoint, bucket: string, region: string, key: string): string {
  return objectUrl(endpoint, bucket, region, key).replace(/^[a-z]+:\/\//i, "");
}
