import { contextBridge, ipcRenderer, webUtils } from "electron";
import {
  IPC_CALL,
  IPC_CANCEL,
  IPC_EVENT,
  IPC_GIVE_FILE,
  IPC_STAGE_FILE,
  type PicopsBridge,
} from "../../shared/ipc/bridge";

// The whole surface the renderer gets: four functions, no ipcRenderer.
const bridge: PicopsBridge = {
  call: (channel, input, callId) => ipcRenderer.invoke(IPC_CALL, channel, input, callId),
  cancel: (callId) => ipcRenderer.send(IPC_CANCEL, callId),
  subscribe(listener) {
    const forward = (_event: Electron.IpcRendererEvent, name: string, payload: unknown) =>
      listener(name, payload);
    ipcRenderer.on(IPC_EVENT, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, forward);
    };
  },
  // A dropped or picked File has a path, which the main process records as given; a pasted
  // picture has none, so its bytes go to the main process to be staged like the web host's.
  async pathForFile(file) {
    const path = webUtils.getPathForFile(file as File);
    if (path === "") {
      const bytes = new Uint8Array(await (file as File).arrayBuffer());
      return (await ipcRenderer.invoke(IPC_STAGE_FILE, (file as File).name, bytes)) as string;
    }
    await ipcRenderer.invoke(IPC_GIVE_FILE, path);
    return path;
  },
};

contextBridge.exposeInMainWorld("picops", bridge);
