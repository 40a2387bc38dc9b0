import { mkdir } from "node:fs/promises";
import path from "node:path";
import { LOCAL_BUCKET_NAME, LOCAL_CONNECTION_ID, LOCAL_REGION } from "../shared/connections";
import { destinationDefaultForPrefix } from "../shared/destinations/destination-default";
import type { EventPayload, HostInfo } from "../shared/ipc/contract";
import { bucketHandlers } from "./bucket/handlers";
import { BucketBrowser } from "./bucket/service";
import type { SecretCipher } from "./connections/cipher";
import { ConnectionClients } from "./connections/clients";
import { connectionHandlers } from "./connections/handlers";
import { inProcessLauncher, type LocalBucketLauncher } from "./connections/local-bucket-launchers";
import { LocalConnectionHost } from "./connections/local-connection";
import { ConnectionsService } from "./connections/service";
import { Vault } from "./connections/vault";
import { destinationHandlers } from "./destinations/handlers";
import { PrefixDefaultsService } from "./destinations/prefixes";
import { DestinationDefaultsService } from "./destinations/service";
import { FirstRunState } from "./first-run/first-run-state";
import { firstRunHandlers } from "./first-run/handlers";
import { STARTER_PRESETS } from "./first-run/starter-presets";
import { FormDraftsService } from "./forms/drafts";
import { formHandlers } from "./forms/handlers";
import { historyHandlers } from "./history/handlers";
import { HistoryService } from "./history/service";
import { HistoryStore } from "./history/store";
import { EventBus } from "./ipc/event-bus";
import { createRouter, type Router } from "./ipc/router";
import { jobHandlers } from "./jobs/handlers";
import { CloudJobs } from "./jobs/service";
import { activeJobTarget } from "./jobs/target";
import { linkHandlers } from "./links/handlers";
import { LinkService } from "./links/service";
import { LinkTemplatesService } from "./links/templates";
import type { Logger } from "./logger";
import { mediaHandlers } from "./media/handlers";
import { MediaStore } from "./media/media-store";
import { Thumbnails } from "./media/thumbnails";
import { resolveDestination } from "./picgo/destination";
import { EditorUploads } from "./picgo/editor-uploads";
import { PicGoEndpoint } from "./picgo/endpoint";
import { picgoHandlers } from "./picgo/handlers";
import { BucketRuleSources } from "./presets/bucket-sources";
import { presetHandlers } from "./presets/handlers";
import { PresetService } from "./presets/service";
import { previewHandlers } from "./preview/handlers";
import { PreviewService } from "./preview/service";
import { quickHandlers } from "./quick/handlers";
import { QuickUploads } from "./quick/service";
import { FileGrants } from "./uploads/file-grants";
import { FileThumbnails, fileThumbnailHandlers } from "./uploads/file-thumbnails";
import { uploadHandlers } from "./uploads/handlers";
import { UploadService } from "./uploads/service";
import { StagingArea } from "./web-host/staging";

export interface ServicesConfig {
  /** Folder for everything Picops keeps: vault, local bucket, journals, presets. */
  dataDir: string;
  cipher: SecretCipher;
  host: HostInfo["host"];
  version: string;
  logger: Logger;
  /** Asks where to save downloads (Electron's folder dialog); the web host has none. */
  chooseFolder?: () => Promise<string | undefined>;
  /** Where the Local bucket runs; in this process unless the host says otherwise. */
  localBucketLauncher?: LocalBucketLauncher;
  /** The clipboard's image as PNG, for editors that upload "what is on the clipboard" (Electron only). */
  readClipboardImage?: () => Uint8Array | undefined;
}

export interface Services {
  router: Router;
  bus: EventBus;
  /** Where the web host stages files streamed from the browser. */
  staging: StagingArea;
  /** Images for the renderer, served by both hosts at `media/<id>`. */
  media: MediaStore;
  /** Adds files the operating system opened with Picops to the upload list and tells the window. */
  openFiles(paths: string[]): Promise<void>;
  /**
   * Records files the designer gave Picops (a dialog, a drop, a staged copy), the only ones
   * `files.add` takes. Called by the hosts, never by the renderer with a path of its choosing.
   */
  grantFiles(paths: string[]): void;
  close(): Promise<void>;
}

/**
 * The composition root shared by both hosts: Electron's main process and the web host
 * build the same services here and differ only in how they carry the router and bus.
 */
export async function createServices(config: ServicesConfig): Promise<Services> {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const bus = new EventBus();
  const vault = await Vault.open(path.join(config.dataDir, "connections.json"), config.cipher);
  const local = new LocalConnectionHost(
    path.join(config.dataDir, "local-bucket"),
    LOCAL_REGION,
    [LOCAL_BUCKET_NAME],
    config.localBucketLauncher ?? inProcessLauncher,
  );
  const clients = new ConnectionClients(vault, local);
  const connections = new ConnectionsService(
    vault,
    bus,
    {
      id: LOCAL_CONNECTION_ID,
      kind: "local",
      label: "Local bucket",
      region: LOCAL_REGION,
      defaultBucket: LOCAL_BUCKET_NAME,
    },
    (id) => clients.forget(id),
  );
  const uploads: UploadService = await UploadService.open({
    journalDir: path.join(config.dataDir, "batches"),
    bus,
    clients,
    activeConnectionId: () => connections.list().activeId,
    // Called only once files are added or batches run, when `staging` below exists.
    onFileUseChanged: () => void staging.sweep(),
  });
  const staging = new StagingArea(path.join(config.dataDir, "staging"), () => uploads.filesInUse());
  // Copies left by an earlier run that nothing refers to any more.
  void staging.sweep();

  const grants = new FileGrants();

  const activeConnectionId = () => connections.list().activeId;
  const media = new MediaStore();
  const thumbnails = new Thumbnails(clients, media);
  const browser = new BucketBrowser({
    clients,
    connections,
    local,
    media,
    chooseFolder: config.chooseFolder,
    emitPage: (page) => bus.emit("bucket.page", page),
  });
  const preview = new PreviewService({
    media,
    filePath: (fileId) => uploads.files().find((file) => file.id === fileId)?.path,
    connection: async () => {
      const id = activeConnectionId();
      return { id, client: await clients.get(id) };
    },
  });
  const presets = await PresetService.open(path.join(config.dataDir, "presets.json"), bus);
  const firstRun = await FirstRunState.open(path.join(config.dataDir, "first-run.json"), async () => {
    if (presets.list().presets.length === 0) await presets.addUnsaved(STARTER_PRESETS);
  });

  const formDrafts = await FormDraftsService.open(path.join(config.dataDir, "form-drafts.json"));
  const destinations = await DestinationDefaultsService.open(
    path.join(config.dataDir, "destination-defaults.json"),
  );
  const prefixDefaults = await PrefixDefaultsService.open(
    path.join(config.dataDir, "destination-prefixes.json"),
  );
  const quickUploads = new QuickUploads({
    grants,
    uploads,
    connections: () => connections.list(),
    defaultFor: (connectionId, prefix) =>
      destinationDefaultForPrefix(destinations.list(), prefixDefaults.list(), connectionId, prefix),
    presets: () => presets.list().presets,
  });
  const editorUploads = new EditorUploads({
    uploads,
    staging,
    destination: () =>
      resolveDestination({
        connections: () => connections.list(),
        defaultFor: (connectionId) => destinations.for(connectionId),
        presets: () => presets.list().presets,
        localBucketUrl: async () => (await local.get()).bucket.url,
      }),
    returns: () => picgo.state().settings.returns,
    readClipboardImage: config.readClipboardImage,
  });
  const picgo = await PicGoEndpoint.open({
    file: path.join(config.dataDir, "picgo-endpoint.json"),
    bus,
    logger: config.logger,
    upload: (request) => editorUploads.upload(request),
  });

  const linkTemplates = await LinkTemplatesService.open(path.join(config.dataDir, "link-templates.json"));
  const links = new LinkService({
    connections: () => connections.list(),
    localBucketUrl: async () => (await local.get()).bucket.url,
    batch: (batchId) => uploads.batch(batchId),
    templates: linkTemplates,
    credentialsOf: async (connectionId) =>
      connectionId === LOCAL_CONNECTION_ID
        ? (await local.get()).credentials
        : vault.credentials(connectionId),
  });

  const historyStore = await HistoryStore.open(path.join(config.dataDir, "history.jsonl"));
  const history = new HistoryService({
    store: historyStore,
    connections: () => connections.list(),
    urlsOf: (connection) => links.urlsOf(connection),
    client: (connectionId) => clients.get(connectionId),
  });
  const stopRecordingHistory = bus.subscribe((name, payload) => {
    if (name !== "batches.progress") return;
    history.record(payload as EventPayload<"batches.progress">).catch((error: unknown) => {
      config.logger.error("Recording the history failed", error);
    });
  });

  const cloudJobs = new CloudJobs({
    target: activeJobTarget(clients, () => connections.list()),
    emit: (job) => bus.emit("jobs.changed", job),
  });

  const router = createRouter(
    {
      "app.describe": async () => ({
        host: config.host,
        version: config.version,
        platform: process.platform,
      }),
      ...connectionHandlers(connections),
      ...uploadHandlers(uploads, grants),
      ...mediaHandlers(thumbnails, activeConnectionId),
      ...bucketHandlers(browser),
      ...previewHandlers(preview),
      ...presetHandlers(presets, new BucketRuleSources(clients, () => connections.list())),
      ...firstRunHandlers(firstRun),
      ...picgoHandlers(picgo),
      ...destinationHandlers(destinations, prefixDefaults),
      ...quickHandlers(quickUploads),
      ...linkHandlers(links, linkTemplates),
      ...historyHandlers(history),
      ...jobHandlers(cloudJobs),
      ...formHandlers(formDrafts),
      ...fileThumbnailHandlers(new FileThumbnails(() => uploads.files(), media)),
    },
    config.logger,
  );

  return {
    router,
    bus,
    staging,
    media,
    openFiles(paths) {
      grants.grant(paths);
      return uploads.openFiles(paths);
    },
    grantFiles: (paths) => grants.grant(paths),
    async close() {
      await picgo.close();
      await uploads.close();
      stopRecordingHistory();
      await historyStore.settled();
      browser.stopAll();
      cloudJobs.close();
      await clients.close();
      await local.close();
    },
  };
}
