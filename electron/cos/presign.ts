import { computeSignature, cosEncode } from "./signature";
import type { CosCredentials } from "./transport";

export interface PresignInput {
  /** The object's plain URL (virtual-host, custom domain or the Local bucket's path-style). */
  objectUrl: string;
  /** The decoded key: COS signs the path `/<key>` whatever host serves it. */
  key: string;
  credentials: CosCredentials;
  expiresInSeconds: number;
  nowMs: number;
}

/**
 * A presigned GET URL: the seven Authorization pairs in the query, as cos-nodejs-sdk-v5's
 * `getObjectUrl` writes them, the session token after them (reference §1.5). The host is
 * not signed, so the link opens through the bucket's custom domain as well as its own.
 */
export function presignGetUrl(input: PresignInput): string {
  const startTime = Math.floor(input.nowMs / 1000);
  const endTime = startTime + input.expiresInSeconds;
  const parts = computeSignature({
    secretId: input.credentials.secretId,
    secretKey: input.credentials.secretKey,
    method: "GET",
    path: `/${input.key}`,
    startTime,
    endTime,
  });
  const pairs = [
    "q-sign-algorithm=sha1",
    `q-ak=${cosEncode(input.credentials.secretId)}`,
    `q-sign-time=${parts.keyTime}`,
    `q-key-time=${parts.keyTime}`,
    `q-header-list=${parts.headerList}`,
    `q-url-param-list=${parts.urlParamList}`,
    `q-signature=${parts.signature}`,
  ];
  if (input.credentials.sessionToken)
    pairs.push(`x-cos-security-token=${cosEncode(input.credentials.sessionToken)}`);
  return `${input.objectUrl}?${pairs.join("&")}`;
}
