import path from "node:path";
import { app, BrowserWindow, clipboard, dialog, ipcMain } from "electron";
import {
  APP_ORIGIN,
  IPC_CALL,
  IPC_CANCEL,
  IPC_EVENT,
  IPC_GIVE_FILE,
  IPC_STAGE_FILE,
} from "../../shared/ipc/bridge";
import { APP_VERSION } from "../app-paths";
import { closeBeforeQuit } from "../app-quit";
import { CancellableCalls } from "../ipc/cancellable-calls";
import { createLogger } from "../logger";
import { filesFromArguments } from "../opened-files";
import { createServices } from "../services";
import { createSafeStorageCipher } from "./safe-storage-cipher";
import { utilityProcessLauncher } from "./utility-process-launcher";
import { registerAppScheme, serveRenderer } from "./window/app-protocol";
import { hardenWebContents, isTrustedSender } from "./window/hardening";
import { installAppMenu } from "./window/menu";
import { mainWindowOptions } from "./window/window-options";

// Wiring only: the services are plain Node (electron/services.ts); this file carries them
// to one hardened window.
registerAppScheme();
const logger = createLogger();

/** A packaged app's arguments follow its executable; `electron .` adds the app's folder first. */
function launchArguments(argv: readonly string[]): string[] {
  return argv.slice(app.isPackaged ? 1 : 2);
}

// Files opened with Picops (Open with…, file associations) wait here until the services run.
const pendingFiles = filesFromArguments(launchArguments(process.argv), process.cwd());
let openFiles = (paths: string[]) => {
  pendingFiles.push(...paths);
};
let mainWindow: BrowserWindow | undefined;

// One Picops at a time: a second launch (Open with… while Picops runs) hands its files to the first.
const isFirstInstance = app.requestSingleInstanceLock();
if (!isFirstInstance) app.quit();
app.on("second-instance", (_event, argv, workingDirectory) => {
  openFiles(filesFromArguments(launchArguments(argv), workingDirectory));
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});
// macOS hands opened files over as events, possibly before the app is ready.
app.on("open-file", (event, file) => {
  event.preventDefault();
  openFiles([file]);
});

app.whenReady().then(async () => {
  if (!isFirstInstance) return;
  hardenWebContents();
  installAppMenu();
  const services = await createServices({
    dataDir: app.getPath("userData"),
    cipher: createSafeStorageCipher(),
    host: "electron",
    version: APP_VERSION,
    logger,
    localBucketLauncher: utilityProcessLauncher(path.join(__dirname, "..", "node", "local-bucket.mjs")),
    chooseFolder: async () =>
      (await dialog.showOpenDialog({ properties: ["openDirectory", "createDirectory"] })).filePaths[0],
    readClipboardImage: () => {
      const image = clipboard.readImage();
      return image.isEmpty() ? undefined : image.toPNG();
    },
  });
  serveRenderer(path.join(__dirname, "..", "renderer"), services.media);
  closeBeforeQuit(app, () => services.close(), logger);

  const calls = new CancellableCalls();
  ipcMain.handle(IPC_CALL, (event, channel: unknown, input: unknown, callId: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      return {
        ok: false,
        error: { code: "forbidden-sender", message: "Calls are accepted from the Picops window only." },
      };
    }
    return calls.run(callId, (signal) => services.router.call(channel, input, signal));
  });
  ipcMain.on(IPC_CANCEL, (event, callId: unknown) => {
    if (isTrustedSender(event.senderFrame)) calls.cancel(callId);
  });

  ipcMain.handle(IPC_GIVE_FILE, (event, filePath: unknown) => {
    if (isTrustedSender(event.senderFrame) && typeof filePath === "string") services.grantFiles([filePath]);
  });
  ipcMain.handle(IPC_STAGE_FILE, async (event, name: unknown, bytes: unknown) => {
    if (!isTrustedSender(event.senderFrame) || typeof name !== "string" || !(bytes instanceof Uint8Array)) {
      throw new Error("Only the Picops window can hand Picops a pasted file.");
    }
    const staged = await services.staging.stageBytes(name, bytes);
    services.grantFiles([staged]);
    return staged;
  });

  const window = new BrowserWindow(mainWindowOptions(path.join(__dirname, "preload.cjs")));
  mainWindow = window;
  const unsubscribe = services.bus.subscribe((name, payload) =>
    window.webContents.send(IPC_EVENT, name, payload),
  );
  window.once("ready-to-show", () => window.show());
  window.on("closed", () => {
    unsubscribe();
    calls.cancelAll();
  });
  // Files named at launch are in the upload list before the window first asks for it.
  await services.openFiles(pendingFiles.splice(0));
  openFiles = (paths) => {
    services.openFiles(paths).catch((error: unknown) => logger.error("Opening files failed", error));
  };
  await window.loadURL(`${APP_ORIGIN}/index.html`);

  app.on("window-all-closed", () => app.quit());
});
