import { PicopsError } from "../../shared/errors";
import type { ConnectionList } from "../../shared/ipc/channels/connections";
import type { BucketStyle } from "../../shared/ipc/channels/presets";
import type { ConnectionClients } from "../connections/clients";

/** Extensions COS can draw as a watermark image (reference §8: the default input formats). */
const WATERMARK_IMAGE = /\.(png|jpe?g|gif|webp|bmp)$/i;
const WATERMARK_KEYS_SHOWN = 200;

/**
 * What the rule builder reads from the active connection's default bucket: its styles, and
 * the objects that can serve as an image watermark.
 */
export class BucketRuleSources {
  constructor(
    private readonly clients: Pick<ConnectionClients, "get">,
    private readonly connections: () => ConnectionList,
  ) {}

  async styles(signal?: AbortSignal): Promise<{ bucket: string; styles: BucketStyle[] }> {
    const { id, bucket, region } = this.#active();
    const client = await this.clients.get(id);
    const styles = await client.listStyles({ bucket, region, signal });
    return { bucket, styles: styles.map(({ name, body }) => ({ name, body })) };
  }

  /** One listing page is enough to pick from; the designer narrows it with the prefix. */
  async watermarkImages(
    prefix: string,
    signal?: AbortSignal,
  ): Promise<{ bucket: string; region: string; keys: string[]; truncated: boolean }> {
    const { id, bucket, region } = this.#active();
    const client = await this.clients.get(id);
    const page = await client.listObjects({ bucket, region, prefix, maxKeys: 1000, signal });
    const keys = page.contents.map((object) => object.key).filter((key) => WATERMARK_IMAGE.test(key));
    return {
      bucket,
      region,
      keys: keys.slice(0, WATERMARK_KEYS_SHOWN),
      truncated: page.isTruncated || keys.length > WATERMARK_KEYS_SHOWN,
    };
  }

  #active(): { id: string; bucket: string; region: string } {
    const { connections, activeId } = this.connections();
    const active = connections.find((connection) => connection.id === activeId);
    if (!active?.defaultBucket) {
      throw new PicopsError("no-bucket", "no-default-bucket");
    }
    return { id: active.id, bucket: active.defaultBucket, region: active.region };
  }
}
