import { contextBridge, ipcRenderer, webUtils } from "electron";
import { IPC_CALL, IPC_EVENT, IPC_GIVE_FILE, type PicopsBridge } from "../shared/ipc/bridge";

// The whole surface the renderer gets: three functions, no ipcRenderer.
const bridge: PicopsBridge = {
  call: (channel, input) => ipcRenderer.invoke(IPC_CALL, channel, input),
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
