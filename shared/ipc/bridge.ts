/**
 * What the Electron preload exposes to the renderer as `window.picops`. Kept free of zod so
 * the preload stays tiny; the main process validates everything that crosses it.
 */
export interface PicopsBridge {
  /** `callId` names the call so that `cancel` can reach it. */
  call(channel: string, input: unknown, callId: string): Promise<unknown>;
  /** Cancels a call under way: the main process aborts its work and answers `aborted`. */
  cancel(callId: string): void;
  /** Returns a function that stops the subscription. */
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
  /**
   * The path of a dropped or picked file (Electron's webUtils.getPathForFile), once the main
   * process has recorded it as given: `files.add` takes no other path. A pasted picture has
   * no path: its bytes are staged by the main process and the staged copy's path answered.
   */
  pathForFile(file: object): Promise<string>;
}

/** The Electron IPC channel names that carry the whole contract. */
export const IPC_CALL = "picops:call";
export const IPC_CANCEL = "picops:cancel";
export const IPC_EVENT = "picops:event";
/** The preload tells the main process the path of a File the designer dropped or picked. */
export const IPC_GIVE_FILE = "picops:give-file";
/**
 * The preload hands the bytes of a File that has no path (a picture pasted from the
 * clipboard); the main process stages a copy, records it as given and answers its path.
 */
export const IPC_STAGE_FILE = "picops:stage-file";

/** The privileged scheme the Electron window loads the renderer from. */
export const APP_SCHEME = "app";
export const APP_ORIGIN = `${APP_SCHEME}://picops`;
