import path from "node:path";
import sharp from "sharp";
import { openLocalBucketClient } from "../../electron/connections/local-connection";
import type { ListedObject } from "../../electron/cos/xml";

/**
 * Reads the Local bucket of a web host's data folder through the COS API, the way an
 * outside tool would: end-to-end tests check outcomes here, not in the UI.
 */
export async function openLocalBucket(dataDir: string) {
  const { client } = await openLocalBucketClient(path.join(dataDir, "local-bucket"));
  const bucket = "picops-1250000000";
  return {
    client,
    async objects(): Promise<ListedObject[]> {
      const objects: ListedObject[] = [];
      for await (const page of client.listObjectPages({ bucket })) objects.push(...page.contents);
      return objects;
    },
    async keys(): Promise<string[]> {
      return (await this.objects()).map((object) => object.key).sort();
    },
    async bytes(key: string): Promise<Buffer> {
      const download = await client.getObject({ bucket, key });
      const chunks: Buffer[] = [];
      for await (const chunk of download.body) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    async image(key: string) {
      const download = await client.getObject({ bucket, key });
      const chunks: Buffer[] = [];
      for await (const chunk of download.body) chunks.push(chunk as Buffer);
      const metadata = await sharp(Buffer.concat(chunks)).metadata();
      return {
        format: metadata.format,
        width: metadata.width,
        height: metadata.height,
        lastModified: download.metadata.lastModified,
      };
    },
    close: () => client.close(),
  };
}
