import { createStore, type StoreApi } from "zustand/vanilla";
import type { AppError } from "../../../shared/errors";
import type { PresetList } from "../../../shared/ipc/channels/presets";
import type { ChannelOutput } from "../../../shared/ipc/contract";
import type { SkippedPreset } from "../../../shared/presets/preset";
import { type ApiClient, failureOf } from "../../api";

/** What the last change to the presets did, for the panel to say in words. */
export type PresetsOutcome =
  | { kind: "saved"; name: string }
  | { kind: "loaded"; name: string }
  | { kind: "exported"; count: number }
  | { kind: "imported"; added: number; skipped: number };

export type ExportedPresets = ChannelOutput<"presets.export">;

export interface PresetsState extends PresetList {
  loaded: boolean;
  /** The last call about presets that failed. */
  error: AppError | undefined;
  outcome: PresetsOutcome | undefined;
  /** The entries the last import left out, and why. */
  skipped: SkippedPreset[];
  load(): Promise<void>;
  /** Each change answers whether the main process took it. */
  save(name: string, rule: string): Promise<boolean>;
  rename(id: string, name: string): Promise<boolean>;
  duplicate(id: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  /** Every preset as a file, or nothing when the export failed (the error says why). */
  exportAll(): Promise<ExportedPresets | undefined>;
  /** Adds the presets of a file the designer picked (its text). */
  importFile(content: string): Promise<boolean>;
  /** A preset became the draft: say so. */
  markLoaded(name: string): void;
}

export type PresetsStore = StoreApi<PresetsState>;

/** A mirror of the main process's presets, and every change to them; the main process owns the truth. */
export function createPresetsStore(api: ApiClient): PresetsStore {
  const store = createStore<PresetsState>()((set, get) => {
    const list = async () => set({ ...(await api.call("presets.list", {})), loaded: true });
    /**
     * Runs a change and keeps what it did, then re-reads the list (the event also brings it;
     * this covers a lost socket). Its failure becomes the store's error.
     */
    const change = async <T>(
      call: () => Promise<T>,
      outcomeOf: (result: T) => PresetsOutcome | undefined = () => undefined,
    ): Promise<T | undefined> => {
      set({ error: undefined });
      try {
        const result = await call();
        set({ outcome: outcomeOf(result) });
        await list();
        return result;
      } catch (error) {
        set({ error: failureOf(error) });
        return undefined;
      }
    };
    const succeeded = (result: unknown) => result !== undefined;

    return {
      presets: [],
      loaded: false,
      error: undefined,
      outcome: undefined,
      skipped: [],
      async load() {
        try {
          await list();
        } catch (error) {
          set({ error: failureOf(error) });
        }
      },
      save: (name, rule) =>
        change(
          () => api.call("presets.save", { name, rule }),
          (preset) => ({ kind: "saved", name: preset.name }),
        ).then(succeeded),
      rename: (id, name) => change(() => api.call("presets.rename", { id, name })).then(succeeded),
      duplicate: (id) => change(() => api.call("presets.duplicate", { id })).then(succeeded),
      remove: (id) => change(() => api.call("presets.delete", { id })).then(succeeded),
      exportAll: () =>
        change(
          () => api.call("presets.export", {}),
          () => ({ kind: "exported", count: get().presets.length }),
        ),
      importFile: (content) =>
        change(
          async () => {
            const result = await api.call("presets.import", { content });
            set({ skipped: result.skipped });
            return result;
          },
          (result) => ({ kind: "imported", added: result.added.length, skipped: result.skipped.length }),
        ).then(succeeded),
      markLoaded: (name) => set({ outcome: { kind: "loaded", name } }),
    };
  });
  api.on("presets.changed", (list) => store.setState({ ...list, problem: list.problem, loaded: true }));
  return store;
}
