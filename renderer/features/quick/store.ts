import { createStore, type StoreApi } from "zustand/vanilla";
import type {
  DestinationDefault,
  DestinationDefaults,
  PrefixDefaults,
} from "../../../shared/destinations/destination-default";
import type { AppError } from "../../../shared/errors";
import { LINK_FORMATS } from "../../../shared/links/link-formats";
import type { Preset } from "../../../shared/presets/preset";
import { namingTemplateProblems } from "../../../shared/uploads/naming-template";
import { type ApiClient, failureOf } from "../../api";
import { DEFAULT_PASTE_TEMPLATE, type GivenFile } from "./pasted-files";

/** Where the window keeps what the designer set for pasting; `localStorage` in the app. */
export type QuickStorage = Pick<Storage, "getItem" | "setItem">;

export type QuickLinkFormat = (typeof LINK_FORMATS)[number];

/** What Quick upload needs of the window: the clipboard. */
export interface QuickOutlets {
  writeText(text: string): Promise<void>;
}

const PASTE_TEMPLATE_KEY = "picops.pasteTemplate";
const QUICK_KEY = "picops.quickUpload";
const QUICK_FORMAT_KEY = "picops.quickLinkFormat";

/**
 * The last Quick upload: under way, done with its links copied, failed, or refused by its plan
 * before any byte was sent (a rule the engine knows fails on one of the files' kinds, a key
 * that cannot be used).
 */
export type QuickOutcome =
  | { kind: "running"; files: number }
  | { kind: "done"; done: number; failed: number }
  | { kind: "failed"; error: AppError }
  | { kind: "refused"; error: AppError };

export interface QuickState {
  /** The naming template of pasted pictures (see pasted-files.ts). */
  pasteTemplate: string;
  /** Dropped and pasted files upload at once with the destination's default. */
  quick: boolean;
  /** The format Quick upload copies links in. */
  linkFormat: QuickLinkFormat;
  presets: Preset[];
  defaults: DestinationDefaults;
  prefixes: PrefixDefaults;
  outcome: QuickOutcome | undefined;
  /** The last call about defaults that failed. */
  error: AppError | undefined;

  setPasteTemplate(template: string): void;
  setQuick(quick: boolean): void;
  setLinkFormat(format: QuickLinkFormat): void;
  loadDefaults(): Promise<void>;
  /** The connection's own default (`prefix` ""), or a prefix's; null removes a prefix's. */
  saveDefault(connectionId: string, prefix: string, destination: DestinationDefault | null): Promise<boolean>;
  /**
   * Uploads the files at once with the default for `prefix`, then copies their links. False
   * when their plan was refused: nothing was sent, the files are still to be placed.
   */
  quickUpload(files: GivenFile[], prefix: string): Promise<boolean>;
}

export type QuickStore = StoreApi<QuickState>;

/** Placeholders a paste template may not use. */
export function pasteTemplateProblems(template: string): string[] {
  return namingTemplateProblems(template, "original");
}

/** The template a paste names by: the designer's when it is usable, else the default. */
export function usablePasteTemplate(template: string): string {
  return template.trim() !== "" && pasteTemplateProblems(template).length === 0
    ? template
    : DEFAULT_PASTE_TEMPLATE;
}

function savedFormat(storage: QuickStorage): QuickLinkFormat {
  const saved = storage.getItem(QUICK_FORMAT_KEY);
  return (LINK_FORMATS as readonly string[]).includes(saved ?? "") ? (saved as QuickLinkFormat) : "url";
}

/**
 * Pasting and Quick upload. The window's own choices (paste template, Quick on or off, the
 * link format) are kept in its storage so a reload keeps them; the defaults per destination
 * live in the main process, which Quick upload asks to name, process and start the files.
 */
export function createQuickStore(api: ApiClient, storage: QuickStorage, outlets: QuickOutlets): QuickStore {
  return createStore<QuickState>()((set, get) => {
    /** The batch's totals once it has finished: from its progress events, or at once if it already has. */
    const finished = async (batchId: string) => {
      let stop = () => {};
      const ending = new Promise<{ done: number; failed: number }>((resolve) => {
        stop = api.on("batches.progress", ({ batch }) => {
          if (batch.id === batchId && batch.state === "finished")
            resolve({ done: batch.totals.done, failed: batch.totals.failed });
        });
      });
      try {
        // Subscribed first: a batch this small may finish before the detail answers.
        const detail = await api.call("batches.detail", { batchId });
        return detail.state === "finished"
          ? { done: detail.totals.done, failed: detail.totals.failed }
          : await ending;
      } finally {
        stop();
      }
    };
    return {
      pasteTemplate: storage.getItem(PASTE_TEMPLATE_KEY) ?? DEFAULT_PASTE_TEMPLATE,
      quick: storage.getItem(QUICK_KEY) === "on",
      linkFormat: savedFormat(storage),
      presets: [],
      defaults: {},
      prefixes: {},
      outcome: undefined,
      error: undefined,

      setPasteTemplate(template) {
        storage.setItem(PASTE_TEMPLATE_KEY, template);
        set({ pasteTemplate: template });
      },
      setQuick(quick) {
        storage.setItem(QUICK_KEY, quick ? "on" : "off");
        set({ quick });
      },
      setLinkFormat(linkFormat) {
        storage.setItem(QUICK_FORMAT_KEY, linkFormat);
        set({ linkFormat });
      },

      async loadDefaults() {
        try {
          const [{ presets }, { defaults }, { prefixes }] = await Promise.all([
            api.call("presets.list", {}),
            api.call("destinations.defaults", {}),
            api.call("destinations.prefixDefaults", {}),
          ]);
          set({ presets, defaults, prefixes, error: undefined });
        } catch (error) {
          set({ error: failureOf(error) });
        }
      },

      async saveDefault(connectionId, prefix, destination) {
        set({ error: undefined });
        try {
          if (prefix === "") {
            if (!destination) return false;
            const { defaults } = await api.call("destinations.setDefault", { connectionId, destination });
            set({ defaults });
          } else {
            const { prefixes } = await api.call("destinations.setPrefixDefault", {
              connectionId,
              prefix,
              destination,
            });
            set({ prefixes });
          }
          return true;
        } catch (error) {
          set({ error: failureOf(error) });
          return false;
        }
      },

      async quickUpload(files, prefix) {
        if (files.length === 0) return true;
        set({ outcome: { kind: "running", files: files.length } });
        try {
          const sources = await api.giveFiles(files);
          const batch = await api.call("uploads.quick", { sources, prefix });
          const totals = await finished(batch.id);
          const { items } = await api.call("batches.detail", { batchId: batch.id });
          const processed = items.some((item) => item.resultKeys.length > 0);
          const { text } = await api.call("links.make", {
            source: { kind: "batch", batchId: batch.id, which: processed ? "outputs" : "originals" },
            format: get().linkFormat,
          });
          if (text) await outlets.writeText(text);
          set({ outcome: { kind: "done", ...totals } });
          return true;
        } catch (error) {
          const failure = failureOf(error);
          const refused = failure.code === "invalid-plan";
          set({ outcome: { kind: refused ? "refused" : "failed", error: failure } });
          return !refused;
        }
      },
    };
  });
}
