import { createStore, type StoreApi } from "zustand/vanilla";
import { LOCAL_BUCKET_NAME } from "../../../shared/connections";
import type { DefaultRules } from "../../../shared/destinations/destination-default";
import type { AppError } from "../../../shared/errors";
import { type UploadDraft, UploadDraftSchema } from "../../../shared/uploads/drafts";
import type { IntakeFile } from "../../../shared/uploads/intake";
import { defaultUploadOptions, type UploadOptions } from "../../../shared/uploads/options";
import type { PlannedUpload } from "../../../shared/uploads/plan";
import { type ApiClient, failureOf, wasCancelled } from "../../api";
import type { DroppedFile } from "./dropped-files";

export interface UploadState {
  files: IntakeFile[];
  adding: boolean;
  options: UploadOptions;
  plans: PlannedUpload[] | undefined;
  planning: boolean;
  error: AppError | undefined;
  /** The destination default whose rules fill the form's rule slots now, for the form to say so. */
  appliedDefault: DefaultRules | undefined;

  /** The main process's list, which outlives the window (a reload) and takes files opened from outside it. */
  loadFiles(): Promise<void>;
  /** Restores what the designer last typed (kept by the main process), unless they are already typing. */
  loadDraft(): Promise<void>;
  addFiles(files: DroppedFile[]): Promise<void>;
  /** A thumbnail of an added file (its media URL), or nothing when none can be made. */
  thumbnailOf(fileId: string): Promise<string | undefined>;
  removeFiles(ids?: string[]): Promise<void>;
  setOptions(patch: Partial<UploadOptions>): void;
  /**
   * The default of the destination (connection and key prefix) chosen now. Rules the designer
   * has not touched take it when files arrive, and follow it while they are still that default.
   */
  setDestinationDefault(destination: DefaultRules | undefined): void;
  /** Takes the applied default's rules out again, and keeps it out of this form from now on. */
  undoDefault(): void;
  reviewPlan(): Promise<void>;
  /** Starts the batch the plan showed; its id, for the batches view to show it. */
  start(): Promise<string | undefined>;
}

export type UploadStore = StoreApi<UploadState>;

/** A save waits this long after the last change, so typing a word is one write, not one per key. */
export const DRAFT_SAVE_DELAY_MS = 400;
/** Longest side of an upload list thumbnail, in pixels (twice its displayed size, for sharp screens). */
const THUMBNAIL_SIZE = 96;

function draftOf(options: UploadOptions): UploadDraft {
  const { prefix, naming, keyTemplate, isPicInfo, concurrency, rules } = options;
  return {
    prefix,
    naming,
    isPicInfo,
    concurrency,
    rules,
    ...(keyTemplate === undefined ? {} : { keyTemplate }),
  };
}

/**
 * Upload with processing: the files added, the options and rules, and the plan. The store owns
 * every call about them; the file list is the main process's, so it is reloaded, not kept here.
 */
export function createUploadStore(api: ApiClient): UploadStore {
  /** The plan being asked for: a newer request, or any change to the options, cancels it. */
  let planCall: AbortController | undefined;
  const cancelPlan = () => planCall?.abort();
  /** Whether the designer changed the form before the saved draft arrived: theirs wins. */
  let edited = false;
  let pendingSave: ReturnType<typeof setTimeout> | undefined;
  /** The current destination's default, offered to the rule slots (see setDestinationDefault). */
  let destinationDefault: DefaultRules | undefined;
  /** Whether the rule slots hold the destination's default and follow it when the destination changes. */
  let followingDefault = false;
  /** Whether the designer ever set the rules themselves: then no default is put in them. */
  let rulesByHand = false;
  /** Thumbnails asked for, by file id: each file's is made once. */
  const thumbnails = new Map<string, Promise<string | undefined>>();
  const saveDraft = (options: UploadOptions) => {
    clearTimeout(pendingSave);
    pendingSave = setTimeout(() => {
      // A field mid-edit that even a draft cannot hold (an emptied number) waits for the next change.
      const draft = UploadDraftSchema.safeParse(draftOf(options));
      if (!draft.success) return;
      api.call("forms.saveDraft", { form: "upload", draft: draft.data }).catch((error) => {
        store.setState({ error: failureOf(error) });
      });
    }, DRAFT_SAVE_DELAY_MS);
  };

  const store = createStore<UploadState>()((set, get) => ({
    files: [],
    adding: false,
    options: defaultUploadOptions(LOCAL_BUCKET_NAME),
    plans: undefined,
    planning: false,
    error: undefined,
    appliedDefault: undefined,

    async loadFiles() {
      try {
        const { files } = await api.call("files.list", {});
        set({ files });
      } catch (error) {
        set({ error: failureOf(error) });
      }
    },

    async loadDraft() {
      try {
        const { upload } = await api.call("forms.drafts", {});
        if (upload && !edited) set({ options: { ...get().options, ...upload } });
      } catch (error) {
        set({ error: failureOf(error) });
      }
    },

    thumbnailOf(fileId) {
      let made = thumbnails.get(fileId);
      if (!made) {
        made = api.call("files.thumbnail", { fileId, size: THUMBNAIL_SIZE }).then(
          (answer) => answer.url,
          () => undefined,
        );
        thumbnails.set(fileId, made);
      }
      return made;
    },

    async addFiles(dropped) {
      if (dropped.length === 0) return;
      set({ adding: true, error: undefined });
      try {
        const { files } = await api.addFiles(dropped);
        set({ files, plans: undefined });
        // Files arrive: untouched rules take the destination's default.
        if (followingDefault || (!rulesByHand && get().options.rules.length === 0)) {
          followingDefault = true;
          putDefault(destinationDefault);
        }
      } catch (error) {
        set({ error: failureOf(error) });
      } finally {
        set({ adding: false });
      }
    },

    async removeFiles(ids) {
      try {
        const { files } = await api.call("files.remove", ids ? { ids } : {});
        set({ files, plans: undefined });
      } catch (error) {
        set({ error: failureOf(error) });
      }
    },

    setOptions(patch) {
      // The same values again (the connection's bucket once more as it reloads) change nothing.
      const current = get().options;
      if (Object.entries(patch).every(([field, value]) => current[field as keyof UploadOptions] === value))
        return;
      // Any change makes a shown plan (or one on its way) stale: it must be reviewed again before running.
      cancelPlan();
      const options = { ...get().options, ...patch };
      set({ options, plans: undefined });
      if (patch.rules !== undefined && patch.rules !== current.rules) {
        rulesByHand = true;
        followingDefault = false;
        set({ appliedDefault: undefined });
      }
      // The bucket follows the connection picked; only what the designer typed is a draft.
      if (Object.keys(patch).some((field) => field !== "bucket")) {
        edited = true;
        saveDraft(options);
      }
    },

    setDestinationDefault(destination) {
      if (JSON.stringify(destination) === JSON.stringify(destinationDefault)) return;
      destinationDefault = destination;
      if (followingDefault) putDefault(destination);
    },

    undoDefault() {
      if (get().appliedDefault) get().setOptions({ rules: [] });
    },

    async reviewPlan() {
      cancelPlan();
      const call = new AbortController();
      planCall = call;
      set({ planning: true, error: undefined });
      try {
        const { plans } = await api.call("uploads.plan", { options: get().options }, { signal: call.signal });
        set({ plans });
      } catch (error) {
        if (!wasCancelled(error)) set({ error: failureOf(error) });
      } finally {
        if (planCall === call) {
          planCall = undefined;
          set({ planning: false });
        }
      }
    },

    async start() {
      set({ error: undefined });
      try {
        const summary = await api.call("uploads.start", { options: get().options });
        const { files } = await api.call("files.list", {});
        set({ files, plans: undefined });
        return summary.id;
      } catch (error) {
        set({ error: failureOf(error) });
        return undefined;
      }
    },
  }));

  /** Fills the rule slots with a default's rules (none: emptied), as a change to the form like any other. */
  const putDefault = (destination: DefaultRules | undefined) => {
    cancelPlan();
    const options = { ...store.getState().options, rules: destination?.rules ?? [] };
    store.setState({ options, plans: undefined, appliedDefault: destination });
    edited = true;
    saveDraft(options);
  };

  // Files opened with Picops from outside the window (Open with…, the command line).
  api.on("files.opened", ({ files }) => store.setState({ files, plans: undefined }));
  return store;
}
