import { app, session, shell } from "electron";
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
    // A link the designer opens (an object, a presigned link) goes to their browser, never a window of ours.
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https?:\/\//.test(url)) void shell.openExternal(url);
      return { action: "deny" };
    });
  });
  // Writing copied links to the clipboard is the one permission the window has.
  const allowed = (permission: string) => permission === "clipboard-sanitized-write";
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(allowed(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => allowed(permission));
}

/** True when an IPC message comes from the app's own page in the main frame. */
export function isTrustedSender(frame: Electron.WebFrameMain | null): boolean {
  if (!frame || frame.parent !== null) return false;
  return new URL(frame.url).origin === APP_ORIGIN;
}
