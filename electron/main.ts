import path from "node:path";
import { app, BrowserWindow, dialog, ipcMain } from "electron";
import { APP_ORIGIN, IPC_CALL, IPC_EVENT } from "../shared/ipc/bridge";
import { APP_VERSION } from "./app-paths";
import { createSafeStorageCipher } from "./connections/safe-storage-cipher";
import { utilityProcessLauncher } from "./connections/utility-process-launcher";
import { createLogger } from "./logger";
import { createServices } from "./services";
import { registerAppScheme, serveRenderer } from "./window/app-protocol";
import { hardenWebContents, isTrustedSender } from "./window/hardening";
import { installAppMenu } from "./window/menu";
import { mainWindowOptions } from "./window/window-options";

// Wiring only: the services are plain Node (electron/services.ts); this file carries them
// to one hardened window.
registerAppScheme();
const logger = createLogger();

app.whenReady().then(async () => {
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
  });
  serveRenderer(path.join(__dirname, "..", "renderer"), services.media);

  ipcMain.handle(IPC_CALL, (event, channel: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      return {
        ok: false,
        error: { code: "forbidden-sender", message: "Calls are accepted from the Picops window only." },
      };
    }
    return services.router.call(channel, input);
  });

  const window = new BrowserWindow(mainWindowOptions(path.join(__dirname, "preload.cjs")));
  const unsubscribe = services.bus.subscribe((name, payload) =>
    window.webContents.send(IPC_EVENT, name, payload),
  );
  window.once("ready-to-show", () => window.show());
  window.on("closed", unsubscribe);
  await window.loadURL(`${APP_ORIGIN}/index.html`);

  app.on("window-all-closed", async () => {
    await services.close();
    app.quit();
  });
});
