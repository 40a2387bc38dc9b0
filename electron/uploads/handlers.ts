import type { Handlers } from "../ipc/router";
import type { FileGrants } from "./file-grants";
import type { UploadService } from "./service";

type UploadChannels =
  | "files.add"
  | "files.list"
  | "files.remove"
  | "uploads.plan"
  | "uploads.start"
  | "processing.plan"
  | "processing.start"
  | "batches.list"
  | "batches.detail"
  | "batches.pause"
  | "batches.resume"
  | "batches.cancel"
  | "batches.retry"
  | "batches.forget"
  | "batches.export";

/** `grants` holds the files the designer gave Picops; `files.add` refuses any other path. */
export function uploadHandlers(service: UploadService, grants: FileGrants): Pick<Handlers, UploadChannels> {
  return {
    "files.add": async ({ sources }, signal) => {
      grants.check(sources.map((source) => source.path));
      return { files: await service.addFiles(sources, signal) };
    },
    "files.list": async () => ({ files: service.files() }),
    "files.remove": async ({ ids }) => ({ files: service.removeFiles(ids) }),
    "uploads.plan": async ({ options }, signal) => ({ plans: await service.plan(options, signal) }),
    "uploads.start": async ({ options }) => service.start(options),
    "processing.plan": async ({ selection, options }, signal) =>
      service.planProcessing(selection, options, signal),
    "processing.start": async ({ selection, options }) => service.startProcessing(selection, options),
    "batches.list": async () => ({ batches: service.batches() }),
    "batches.detail": async ({ batchId }) => service.batch(batchId),
    "batches.pause": async ({ batchId }) => service.pause(batchId),
    "batches.resume": async ({ batchId }) => service.resume(batchId),
    "batches.cancel": async ({ batchId, itemIds }) => service.cancel(batchId, itemIds),
    "batches.retry": async ({ batchId, itemIds }) => service.retry(batchId, itemIds),
    "batches.forget": async ({ batchId }) => ({ batches: await service.forget(batchId) }),
    "batches.export": async ({ batchId, format }) => service.export(batchId, format),
  };
}
