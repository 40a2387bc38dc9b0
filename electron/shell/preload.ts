import { contextBridge, ipcRenderer, webUtils } from "electron";
import { IPC_CALL, IPC_EVENT, type PicopsBridge } from "../../shared/ipc/bridge";

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
  pathForFile: (file) => webUtils.getPathForFile(file as File),
};

contextBridge.exposeInMainWorld("picops", bridge);
