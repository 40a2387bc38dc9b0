import type { Handlers } from "../ipc/router";
import type { UploadService } from "./service";

type UploadChannels =
  | "files.add"
  | "files.list"
  | "files.remove"
  | "uploads.plan"
  | "uploads.start"
  | "uploads.batches"
  | "uploads.batch"
  | "uploads.pause"
  | "uploads.resume"
  | "uploads.cancel"
  | "uploads.retry"
  | "uploads.export";

export function uploadHandlers(service: UploadService): Pick<Handlers, UploadChannels> {
  return {
    "files.add": async ({ sources }) => ({ files: await service.addFiles(sources) }),
    "files.list": async () => ({ files: service.files() }),
    "files.remove": async ({ ids }) => ({ files: service.removeFiles(ids) }),
    "uploads.plan": async ({ options }) => ({ plans: await service.plan(options) }),
    "uploads.start": async ({ options }) => service.start(options),
    "uploads.batches": async () => ({ batches: service.batches() }),
    "uploads.batch": async ({ batchId }) => service.batch(batchId),
    "uploads.pause": async ({ batchId }) => service.pause(batchId),
    "uploads.resume": async ({ batchId }) => service.resume(batchId),
    "uploads.cancel": async ({ batchId, itemIds }) => service.cancel(batchId, itemIds),
    "uploads.retry": async ({ batchId, itemIds }) => service.retry(batchId, itemIds),
    "uploads.export": async ({ batchId, format }) => service.export(batchId, format),
  };
}
