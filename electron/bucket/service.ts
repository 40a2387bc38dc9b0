import { objectColumns } from "../../shared/bucket/object-columns";
import type { ConnectionSummary } from "../../shared/connections";
import { PicopsError } from "../../shared/errors";
import type {
  BucketPage,
  DeleteOutcome,
  DownloadOutcome,
  ObjectDetails,
  PixelSize,
} from "../../shared/ipc/channels/bucket";
import type { CosClient } from "../cos/client";
import type { MediaStore } from "../media/media-store";
import { downloadForBrowser, downloadToFolder, toAppError } from "./downloads";
import { listFolder } from "./listing";
import { shareableObjectUrl } from "./object-url";
import { PixelSizes } from "./pixel-size";

type BrowserClient = Pick<
  CosClient,
  "listObjectPages" | "headObject" | "imageInfo" | "deleteObjects" | "getObject" | "downloadObject"
>;

export interface BucketBrowserDeps {
  clients: { get(connectionId: string): Promise<BrowserClient> };
  connections: { list(): { activeId: string; connections: ConnectionSummary[] } };
  /** The Local bucket's loopback address, for its object URLs. */
  local: { get(): Promise<{ bucket: { url: string } }> };
  emitPage(page: BucketPage): void;
  media: Pick<MediaStore, "put" | "addDownload">;
  /** Asks the designer for a folder (Electron); absent where no dialog exists (web host). */
  chooseFolder?: (() => Promise<string | undefined>) | undefined;
}

/** POST ?delete takes at most 1000 keys (§3). */
const DELETE_CHUNK = 1000;

/**
 * The bucket browser's main-process half, always on the active connection: streams folder
 * listings to the renderer, and reads, deletes, downloads and addresses objects.
 */
export class BucketBrowser {
  readonly #listings = new Map<string, AbortController>();
  readonly #pixelSizes = new PixelSizes();

  constructor(private readonly deps: BucketBrowserDeps) {}

  /**
   * Lists a folder in the background, emitting each page as it arrives. One window browses
   * one folder at a time, so a new listing stops the ones still running.
   */
  browse(listingId: string, bucket: string, prefix: string): void {
    this.stopAll();
    const controller = new AbortController();
    this.#listings.set(listingId, controller);
    const signal = controller.signal;
    const emit = (page: Omit<BucketPage, "listingId" | "bucket" | "prefix">) => {
      if (!signal.aborted) this.deps.emitPage({ listingId, bucket, prefix, ...page });
    };
    this.#client()
      .then((client) =>
        listFolder(client, { bucket, prefix, signal }, (page) =>
          emit({ objects: objectColumns(page.objects), folders: page.folders, done: page.last }),
        ),
      )
      .catch((error: unknown) =>
        emit({ objects: objectColumns([]), folders: [], done: true, error: toAppError(error) }),
      )
      .finally(() => {
        if (this.#listings.get(listingId) === controller) this.#listings.delete(listingId);
      });
  }

  stop(listingId: string): void {
    this.#listings.get(listingId)?.abort();
    this.#listings.delete(listingId);
  }

  stopAll(): void {
    for (const id of [...this.#listings.keys()]) this.stop(id);
  }

  /** HEAD for the metadata and `?imageInfo` for the pixels; a non-image still has details. */
  async details(bucket: string, key: string, signal?: AbortSignal): Promise<ObjectDetails> {
    const client = await this.#client();
    const [head, image] = await Promise.all([
      client.headObject({ bucket, key, signal }),
      client.imageInfo({ bucket, key, signal }).then(
        (info) => ({ ok: true as const, info }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
    ]);
    const details: ObjectDetails = {
      bucket,
      key,
      size: head.contentLength,
      contentType: head.contentType,
      etag: head.etag,
      storageClass: head.storageClass,
      lastModified: head.lastModified,
      metadata: head.metadata,
    };
    if (image.ok)
      details.image = { format: image.info.format, width: image.info.width, height: image.info.height };
    else details.imageProblem = toAppError(image.error);
    return details;
  }

  /** An image's width and height from its first bytes, cached by ETag; nothing for a non-image. */
  async pixelSize(
    object: { bucket: string; key: string; etag: string },
    signal?: AbortSignal,
  ): Promise<PixelSize | undefined> {
    return this.#pixelSizes.read(await this.#client(), object, signal);
  }

  /** Deletes in chunks of 1000, reporting each key; a chunk COS refused whole fails each of its keys. */
  async delete(bucket: string, keys: string[], signal?: AbortSignal): Promise<DeleteOutcome> {
    const client = await this.#client();
    const outcome: DeleteOutcome = { deleted: [], failed: [] };
    for (let start = 0; start < keys.length; start += DELETE_CHUNK) {
      const chunk = keys.slice(start, start + DELETE_CHUNK);
      try {
        const result = await client.deleteObjects({ bucket, keys: chunk, signal });
        outcome.deleted.push(...result.deleted);
        outcome.failed.push(...result.errors);
      } catch (error) {
        const { code, message } = toAppError(error);
        outcome.failed.push(...chunk.map((key) => ({ key, code, message })));
      }
    }
    return outcome;
  }

  async download(request: { bucket: string; keys: string[]; base: string }): Promise<DownloadOutcome> {
    const client = await this.#client();
    if (!this.deps.chooseFolder) {
      return { kind: "browser", files: await downloadForBrowser(client, this.deps.media, request) };
    }
    const folder = await this.deps.chooseFolder();
    if (folder === undefined) return { kind: "cancelled" };
    return { kind: "saved", folder, files: await downloadToFolder(client, folder, request) };
  }

  async objectUrl(bucket: string, key: string): Promise<string> {
    const connection = this.#active();
    const local = connection.kind === "local" ? (await this.deps.local.get()).bucket.url : undefined;
    return shareableObjectUrl(connection, local, bucket, key);
  }

  #active(): ConnectionSummary {
    const { activeId, connections } = this.deps.connections.list();
    const connection = connections.find((candidate) => candidate.id === activeId);
    if (!connection) throw new PicopsError("not-found", "connection-gone");
    return connection;
  }

  #client(): Promise<BrowserClient> {
    return this.deps.clients.get(this.deps.connections.list().activeId);
  }
}
