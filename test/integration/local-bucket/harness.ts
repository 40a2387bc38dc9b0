import { mkdtemp, rm } from "node:fs/promises";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cosEncode, signRequest } from "../../../electron/cos/signature";
import {
  type LocalBucket,
  type LocalBucketOptions,
  startLocalBucket,
} from "../../../electron/local-bucket/index";

/** A local bucket in a fresh temp folder, and a signed raw-HTTP client for it. */

export const BUCKET = "photos-1250000000";
export const OTHER_BUCKET = "thumbs-1250000000";
export const REGION = "ap-guangzhou";
export const SECRET_ID = "AKIDlocaltest";
export const SECRET_KEY = "local-secret-key-not-real";

export interface Harness {
  /** Parent temp folder; the bucket root is `<parent>/root`, so escapes would land in `parent`. */
  parent: string;
  root: string;
  bucket: LocalBucket;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startHarness(extra: Partial<LocalBucketOptions> = {}): Promise<Harness> {
  const parent = await mkdtemp(join(tmpdir(), "picops-local-bucket-"));
  const root = join(parent, "root");
  const options: LocalBucketOptions = {
    root,
    region: REGION,
    buckets: [BUCKET, OTHER_BUCKET],
    credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY }],
    ...extra,
  };
  const harness: Harness = {
    parent,
    root,
    bucket: await startLocalBucket(options),
    async restart() {
      await harness.bucket.close();
      harness.bucket = await startLocalBucket({ ...options, port: harness.bucket.port });
    },
    async dispose() {
      await harness.bucket.close();
      await rm(parent, { recursive: true, force: true });
    },
  };
  return harness;
}

export interface CosCall {
  method?: string;
  bucket?: string;
  /** Decoded key; encoded like the SDKs do (`/` kept). */
  key?: string;
  /** Sent as is instead of the encoded key, after the bucket (path-style) or `/` (virtual host). */
  rawPath?: string;
  /** Signed query parameters, decoded. */
  query?: Record<string, string>;
  /** Appended to the query unsigned, as sent (e.g. a rule). */
  rawQuery?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Omit Content-Length (the body goes chunked). */
  chunked?: boolean;
  virtualHost?: boolean;
  secretId?: string;
  secretKey?: string;
  /** Key time in Unix seconds; default now−60 … now+900. */
  keyTime?: [number, number];
  unsigned?: boolean;
  signal?: AbortSignal;
}

export interface CosAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export function encodeKey(key: string): string {
  return cosEncode(key).replace(/%2F/g, "/");
}

/** Builds, signs and sends one request with node:http (no URL normalisation of `..`). */
export function cosRequest(bucket: LocalBucket, call: CosCall): Promise<CosAnswer> {
  const method = call.method ?? "GET";
  const name = call.bucket ?? BUCKET;
  const key = call.key ?? "";
  const host = call.virtualHost ? `${name}.cos.${REGION}.myqcloud.com` : `127.0.0.1:${bucket.port}`;
  const keyPath = call.rawPath ?? encodeKey(key);
  const path = call.virtualHost ? `/${keyPath}` : `/${name}/${keyPath}`;
  const body = call.body === undefined ? undefined : Buffer.from(call.body);
  const headers: Record<string, string> = { host, ...call.headers };
  if (body && !call.chunked) headers["content-length"] = String(body.length);
  if (call.chunked) headers["transfer-encoding"] = "chunked";
  if (!body && ["PUT", "POST"].includes(method) && !call.chunked) headers["content-length"] = "0";
  const query = call.query ?? {};
  if (!call.unsigned) {
    const now = Math.floor(Date.now() / 1000);
    const [startTime, endTime] = call.keyTime ?? [now - 60, now + 900];
    const signed: Record<string, string> = {};
    for (const [n, v] of Object.entries(headers)) {
      const lower = n.toLowerCase();
      if (
        lower === "host" ||
        lower.startsWith("x-cos-") ||
        lower.startsWith("content-") ||
        lower === "pic-operations" ||
        lower === "range"
      ) {
        signed[lower] = v;
      }
    }
    headers.authorization = signRequest({
      secretId: call.secretId ?? SECRET_ID,
      secretKey: call.secretKey ?? SECRET_KEY,
      method,
      path: `/${key}`,
      query,
      headers: signed,
      startTime,
      endTime,
    });
  }
  const search = [
    ...Object.entries(query).map(([n, v]) => `${cosEncode(n)}=${cosEncode(v)}`),
    ...(call.rawQuery ? [call.rawQuery] : []),
  ].join("&");
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: bucket.port,
        method,
        path: search ? `${path}?${search}` : path,
        headers,
        signal: call.signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const all = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: all,
            text: all.toString("utf8"),
          });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The text of one XML element (first match), for asserting fields of COS documents. */
export function xmlField(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

export function xmlFields(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, "g"))].map((m) => m[1] ?? "");
}
