import { createStore, type StoreApi } from "zustand/vanilla";
import type { ConnectionTestOutcome } from "../../../shared/connection-test";
import type { CosConnectionTestInput, CosProfileInput } from "../../../shared/connections";
import type { AppError } from "../../../shared/errors";
import { type ApiClient, failureOf } from "../../api";

export interface CosProfileState {
  saving: boolean;
  testing: boolean;
  /** What the last test found: about the values on screen, so editing a field forgets it. */
  outcome: ConnectionTestOutcome | undefined;
  /** The last save or test that failed; `path` names the field it is about, when it is about one. */
  error: AppError | undefined;
  /** Saves a new or edited profile; true when the main process took it. */
  save(input: CosProfileInput): Promise<boolean>;
  /** Tries the values against COS before anything is saved. */
  test(input: CosConnectionTestInput): Promise<void>;
  forgetOutcome(): void;
  forgetError(): void;
  /** Forgets the outcome and the failure: the next dialog starts from nothing. */
  reset(): void;
}

export type CosProfileStore = StoreApi<CosProfileState>;

/** The calls of the COS profile dialog: saving a profile and testing its values. */
export function createCosProfileStore(api: ApiClient): CosProfileStore {
  return createStore<CosProfileState>()((set) => ({
    saving: false,
    testing: false,
    outcome: undefined,
    error: undefined,
    async save(input) {
      set({ saving: true, error: undefined });
      try {
        await api.call("connections.saveCos", input);
        return true;
      } catch (error) {
        set({ error: failureOf(error) });
        return false;
      } finally {
        set({ saving: false });
      }
    },
    async test(input) {
      set({ testing: true, outcome: undefined, error: undefined });
      try {
        set({ outcome: await api.call("connections.test", input) });
      } catch (error) {
        set({ error: failureOf(error) });
      } finally {
        set({ testing: false });
      }
    },
    forgetOutcome: () => set({ outcome: undefined }),
    forgetError: () => set({ error: undefined }),
    reset: () => set({ outcome: undefined, error: undefined }),
  }));
}
