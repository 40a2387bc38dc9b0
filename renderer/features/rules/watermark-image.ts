/**
 * An image watermark names its picture by URL, and COS only takes one form of it (reference
 * §7.5): `http://<bucket>.cos.<region>.myqcloud.com/<key>`, same bucket, origin domain.
 */
export function watermarkImageUrl(bucket: string, region: string, key: string): string {
  const path = key.split("/").map(encodeURIComponent).join("/");
  return `http://${bucket}.cos.${region}.myqcloud.com/${path}`;
}

/** The key of a watermark URL of that form, or undefined for any other URL. */
export function watermarkImageKey(url: string): string | undefined {
  const match = /^https?:\/\/[a-z0-9-]+\.cos\.[a-z0-9-]+\.myqcloud\.com\/(.+)$/.exec(url);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}
