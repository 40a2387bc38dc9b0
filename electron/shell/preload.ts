import { contextBridge, ipcRenderer, webUtils } from "electron";
import { IPC_CALL, IPC_CANCEL, IPC_EVENT, type PicopsBridge } from "../../shared/ipc/bridge";

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
  pathForFile: (file) => webUtils.getPathForFile(file as File),
};

contextBridge.exposeInMainWorld("picops", bridge);
