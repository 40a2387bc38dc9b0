import type { ConnectionSummary } from "../../shared/connections";
import { PicopsError } from "../../shared/errors";
import type { LinkSource } from "../../shared/ipc/channels/links";
import type { ConnectionList } from "../../shared/ipc/contract";
import {
  type BuiltInLinkFormat,
  type LinkFormat,
  type LinkTemplate,
  linkOf,
  type ResponsiveImage,
  responsiveImageOf,
} from "../../shared/links/link-formats";
import type { BatchDetail } from "../../shared/uploads/batch";
import { shareableObjectUrl } from "../bucket/object-url";
import { presignGetUrl } from "../cos/presign";
import type { CosCredentials } from "../cos/transport";
import type { LinkTemplatesService } from "./templates";

export interface LinkServiceDeps {
  connections(): ConnectionList;
  /** The Local bucket's address, started if need be. */
  localBucketUrl(): Promise<string>;
  batch(batchId: string): BatchDetail;
  templates: LinkTemplatesService;
  /** The connection's keys, to sign presigned links with; they never leave the main process. */
  credentialsOf(connectionId: string): Promise<CosCredentials>;
  now?(): number;
}

export interface LinkRequest {
  source: LinkSource;
  format: LinkFormat;
  presigned?: { expiresInSeconds: number };
}

/** Object URL of a connection: its custom domain when it has one. */
export type ObjectUrl = (bucket: string, key: string) => string;

/**
 * The links a designer copies, for files of an upload or objects in a bucket, on the
 * connection they belong to (an upload's own, not whichever is active now).
 */
export class LinkService {
  constructor(private readonly deps: LinkServiceDeps) {}

  async make({ source, format, presigned }: LinkRequest): Promise<{ links: string[]; text: string }> {
    const batch = source.kind === "batch" ? this.deps.batch(source.batchId) : undefined;
    const connection = this.#connection(
      batch?.connectionId ?? (source.kind === "objects" ? source.connectionId : undefined),
    );
    const url = await this.urlsOf(connection, presigned?.expiresInSeconds);
    const chosen = this.#format(connection.id, format);
    const images =
      batch && source.kind === "batch" ? imagesOfBatch(batch, source, url) : imagesOfObjects(source, url);
    const links = images.map((image) => linkOf(image, chosen));
    return { links, text: links.join("\n") };
  }

  /** The connection's object URLs; signed to open for `expiresInSeconds` when given. */
  async urlsOf(connection: ConnectionSummary, expiresInSeconds?: number): Promise<ObjectUrl> {
    const local = connection.kind === "local" ? await this.deps.localBucketUrl() : undefined;
    const plain: ObjectUrl = (bucket, key) => shareableObjectUrl(connection, local, bucket, key);
    if (expiresInSeconds === undefined) return plain;
    const credentials = await this.deps.credentialsOf(connection.id);
    const nowMs = (this.deps.now ?? Date.now)();
    return (bucket, key) =>
      presignGetUrl({ objectUrl: plain(bucket, key), key, credentials, expiresInSeconds, nowMs });
  }

  #connection(id: string | undefined): ConnectionSummary {
    const { activeId, connections } = this.deps.connections();
    const connection = connections.find((candidate) => candidate.id === (id ?? activeId));
    if (!connection) throw new PicopsError("not-found", "connection-gone");
    return connection;
  }

  #format(connectionId: string, format: LinkFormat): BuiltInLinkFormat | LinkTemplate {
    if (typeof format === "string") return format;
    const template = this.deps.templates
      .for(connectionId)
      .find((candidate) => candidate.id === format.templateId);
    if (!template) throw new PicopsError("not-found", "link-template-gone");
    return template;
  }
}

function imagesOfObjects(source: LinkSource, url: ObjectUrl): ResponsiveImage[] {
  if (source.kind !== "objects") return [];
  return source.keys.map((key) => ({ original: { url: url(source.bucket, key), key }, candidates: [] }));
}

/** Done files only: a failed one has nothing in the bucket to link to. */
function imagesOfBatch(
  batch: BatchDetail,
  source: Extract<LinkSource, { kind: "batch" }>,
  url: ObjectUrl,
): ResponsiveImage[] {
  const wanted = source.itemIds ? new Set(source.itemIds) : undefined;
  const items = batch.items.filter((item) => item.state === "done" && (!wanted || wanted.has(item.id)));
  if (source.which === "originals") return items.map((item) => responsiveImageOf(item, url));
  return items.flatMap((item) =>
    item.resultKeys.map((target) => {
      const reported = item.result?.processResults.find((result) => result.key === target.key);
      return {
        original: {
          url: url(target.bucket, target.key),
          key: target.key,
          width: reported?.width,
          height: reported?.height,
        },
        candidates: [],
      };
    }),
  );
}
