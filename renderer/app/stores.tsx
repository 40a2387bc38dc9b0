import type { ReactNode } from "react";
import type { ApiClient } from "../api";
import { BatchesProvider, type BatchesStore, createBatchesStore } from "../features/batches";
import { BucketProvider, type BucketStores, createBucketStores } from "../features/bucket";
import {
  ConnectionsProvider,
  type ConnectionsStore,
  CosProfileProvider,
  type CosProfileStore,
  createConnectionsStore,
  createCosProfileStore,
} from "../features/connections";
import { createHistoryStore, HistoryProvider, type HistoryStore } from "../features/history";
import { createJobsStore, JobsProvider, type JobsStore } from "../features/jobs";
import { createLinksStore, LinksProvider, type LinksStore } from "../features/links";
import { createEditorUploadsStore, EditorUploadsProvider, type EditorUploadsStore } from "../features/picgo";
import { createPreviewStore, PreviewProvider, type PreviewStore } from "../features/preview";
import { createQuickStore, QuickProvider, type QuickStore } from "../features/quick";
import {
  BucketStylesProvider,
  type BucketStylesStore,
  createBucketStylesStore,
  createPresetsStore,
  createRuleDraftStore,
  createWatermarkImagesStore,
  PresetsProvider,
  type PresetsStore,
  RuleDraftProvider,
  type RuleDraftStore,
  WatermarkImagesProvider,
  type WatermarkImagesStore,
} from "../features/rules";
import { createTourStore, TourProvider, type TourStore } from "../features/tour";
import { createUploadStore, UploadProvider, type UploadStore } from "../features/upload";
import { createThumbnailSource, type ThumbnailSource, ThumbnailSourceProvider } from "../ui/thumbnail-source";
import { WorkspaceProvider } from "./workspace-context";
import { createWorkspaceStore, type WorkspaceStore } from "./workspace-store";

/**
 * The composition root of the renderer's stores: every store that owns API calls is made here,
 * once, from one client of the contract. Tests make their own with a fake client.
 */
export interface Stores {
  batches: BatchesStore;
  connections: ConnectionsStore;
  cosProfile: CosProfileStore;
  editorUploads: EditorUploadsStore;
  ruleDraft: RuleDraftStore;
  presets: PresetsStore;
  bucketStyles: BucketStylesStore;
  watermarkImages: WatermarkImagesStore;
  tour: TourStore;
  thumbnails: ThumbnailSource;
  workspace: WorkspaceStore;
  upload: UploadStore;
  history: HistoryStore;
  links: LinksStore;
  quick: QuickStore;
  jobs: JobsStore;
  bucket: BucketStores;
  preview: PreviewStore;
}

export function createStores(api: ApiClient): Stores {
  return {
    batches: createBatchesStore(api),
    connections: createConnectionsStore(api),
    cosProfile: createCosProfileStore(api),
    editorUploads: createEditorUploadsStore(api),
    ruleDraft: createRuleDraftStore(),
    presets: createPresetsStore(api),
    bucketStyles: createBucketStylesStore(api),
    watermarkImages: createWatermarkImagesStore(api),
    tour: createTourStore(api),
    thumbnails: createThumbnailSource(api),
    workspace: createWorkspaceStore(api),
    upload: createUploadStore(api),
    history: createHistoryStore(api),
    links: createLinksStore(api, {
      writeText: (text) => navigator.clipboard.writeText(text),
      openUrl: (url) => void window.open(url, "_blank", "noopener"),
    }),
    quick: createQuickStore(api, localStorage, {
      writeText: (text) => navigator.clipboard.writeText(text),
    }),
    jobs: createJobsStore(api),
    bucket: createBucketStores(api),
    preview: createPreviewStore(api),
  };
}

/** Hands every store to the components below it. */
export function StoresProvider(props: { stores: Stores; children: ReactNode }) {
  const { stores } = props;
  // One line per store, the innermost first, so adding a store is adding a line.
  let tree = props.children;
  tree = <HistoryProvider store={stores.history}>{tree}</HistoryProvider>;
  tree = <LinksProvider store={stores.links}>{tree}</LinksProvider>;
  tree = <QuickProvider store={stores.quick}>{tree}</QuickProvider>;
  tree = <JobsProvider store={stores.jobs}>{tree}</JobsProvider>;
  tree = <BucketProvider stores={stores.bucket}>{tree}</BucketProvider>;
  tree = <PreviewProvider store={stores.preview}>{tree}</PreviewProvider>;
  tree = <UploadProvider store={stores.upload}>{tree}</UploadProvider>;
  tree = <WorkspaceProvider store={stores.workspace}>{tree}</WorkspaceProvider>;
  tree = <ThumbnailSourceProvider value={stores.thumbnails}>{tree}</ThumbnailSourceProvider>;
  tree = <TourProvider store={stores.tour}>{tree}</TourProvider>;
  tree = <WatermarkImagesProvider store={stores.watermarkImages}>{tree}</WatermarkImagesProvider>;
  tree = <BucketStylesProvider store={stores.bucketStyles}>{tree}</BucketStylesProvider>;
  tree = <PresetsProvider store={stores.presets}>{tree}</PresetsProvider>;
  tree = <RuleDraftProvider store={stores.ruleDraft}>{tree}</RuleDraftProvider>;
  tree = <EditorUploadsProvider store={stores.editorUploads}>{tree}</EditorUploadsProvider>;
  tree = <CosProfileProvider store={stores.cosProfile}>{tree}</CosProfileProvider>;
  tree = <ConnectionsProvider store={stores.connections}>{tree}</ConnectionsProvider>;
  tree = <BatchesProvider store={stores.batches}>{tree}</BatchesProvider>;
  return tree;
}
