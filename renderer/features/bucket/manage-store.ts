import { createStore, type StoreApi } from "zustand/vanilla";
import type { AppError } from "../../../shared/errors";
import type { DeleteOutcome } from "../../../shared/ipc/channels/bucket";
import { type ApiClient, failureOf } from "../../api";
import type { BrowseStore, Place } from "./store";

/** What the bar last did, worded by the component in the designer's language. */
export type ManageStatus =
  | { kind: "downloading" }
  | { kind: "downloaded"; count: number; folder: string }
  | { kind: "downloadedBrowser"; count: number }
  | { kind: "copied"; url: string }
  | { kind: "copyFailed"; url: string };

export interface ManageState {
  status: ManageStatus | undefined;
  /** The last call that failed as a whole. */
  failure: AppError | undefined;
  /** Objects a download could not save, one by one. */
  failures: { key: string; error: AppError }[];
  busy: boolean;
  /** What the last delete did; absent until one is confirmed. */
  outcome: DeleteOutcome | undefined;

  download(place: Place, keys: string[]): Promise<void>;
  copyUrl(place: Place, key: string): Promise<void>;
  /** A new delete is being confirmed: the last one's outcome no longer applies. */
  forgetOutcome(): void;
  remove(place: Place, keys: string[]): Promise<void>;
}

export type ManageStore = StoreApi<ManageState>;

/** What only the window can do with an answer: save a one-off URL, copy text. */
export interface WindowActions {
  save(url: string, fileName: string): void;
  copy(text: string): Promise<void>;
}

const browserWindow: WindowActions = {
  save(url, fileName) {
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.click();
  },
  copy: (text) => navigator.clipboard.writeText(text),
};

/** Download, delete and copy-URL of objects; a delete lists the folder again. */
export function createManageStore(
  api: ApiClient,
  browse: BrowseStore,
  actions: WindowActions = browserWindow,
): ManageStore {
  return createStore<ManageState>()((set) => ({
    status: undefined,
    failure: undefined,
    failures: [],
    busy: false,
    outcome: undefined,

    async download(place, keys) {
      set({ busy: true, status: { kind: "downloading" }, failure: undefined, failures: [] });
      try {
        const { host } = await api.call("app.describe", {});
        const result = await api.call("bucket.download", { bucket: place.bucket, keys, base: place.prefix });
        if (host === "electron") {
          if (result.kind !== "saved") return set({ status: undefined });
          const failures = result.files.flatMap(({ key, error }) => (error ? [{ key, error }] : []));
          set({
            failures,
            status: {
              kind: "downloaded",
              count: result.files.length - failures.length,
              folder: result.folder,
            },
          });
          return;
        }
        // The objects are streamed from the bucket as the browser saves them: nothing is held meanwhile.
        if (result.kind === "browser") for (const file of result.files) actions.save(file.url, file.fileName);
        set({ status: { kind: "downloadedBrowser", count: keys.length } });
      } catch (error) {
        set({ status: undefined, failure: failureOf(error) });
      } finally {
        set({ busy: false });
      }
    },

    async copyUrl(place, key) {
      set({ failure: undefined });
      try {
        const { url } = await api.call("bucket.objectUrl", { bucket: place.bucket, key });
        try {
          await actions.copy(url);
          set({ status: { kind: "copied", url } });
        } catch {
          set({ status: { kind: "copyFailed", url } });
        }
      } catch (error) {
        set({ status: undefined, failure: failureOf(error) });
      }
    },

    forgetOutcome() {
      set({ outcome: undefined });
    },

    async remove(place, keys) {
      set({ busy: true });
      try {
        const outcome = await api.call("bucket.delete", { bucket: place.bucket, keys });
        set({ outcome });
        if (outcome.deleted.length > 0) {
          browse.getState().deleted(place.bucket, outcome.deleted);
          browse.getState().refresh();
        }
      } catch (error) {
        set({ outcome: { deleted: [], failed: keys.map((key) => ({ key, ...failureOf(error) })) } });
      } finally {
        set({ busy: false });
      }
    },
  }));
}
