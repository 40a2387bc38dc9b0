import { app, session } from "electron";
import { APP_ORIGIN } from "../../../shared/ipc/bridge";

/**
 * Electron's security checklist, applied to every web contents the app ever creates:
 * no navigation away from the app, no new windows, no webviews, no permissions.
 */
export function hardenWebContents(): void {
  app.on("web-contents-created", (_event, contents) => {
    contents.on("will-navigate", (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on("will-redirect", (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on("will-attach-webview", (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: "deny" }));
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** True when an IPC message comes from the app's own page in the main frame. */
export function isTrustedSender(frame: Electron.WebFrameMain | null): boolean {
  if (!frame || frame.parent !== null) return false;
  return new URL(frame.url).origin === APP_ORIGIN;
}
