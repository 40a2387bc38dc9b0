import { contextBridge, ipcRenderer, webUtils } from "electron";
import { IPC_CALL, IPC_CANCEL, IPC_EVENT, IPC_GIVE_FILE, type PicopsBridge } from "../../shared/ipc/bridge";

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
  // Only a real File (dropped or picked) has a path; the main process records it as given.
  async pathForFile(file) {
    const path = webUtils.getPathForFile(file as File);
    await ipcRenderer.invoke(IPC_GIVE_FILE, path);
    return path;
  },
};

contextBridge.exposeInMainWorld("picops", bridge);
