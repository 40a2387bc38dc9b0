import os from "node:os";
import path from "node:path";
import packageJson from "../package.json";

export const APP_VERSION: string = packageJson.version;

/** Where Picops keeps its data when the host does not say (Electron passes app.getPath("userData")). */
export function defaultDataDir(): string {
  if (process.env.PICOPS_DATA_DIR) return process.env.PICOPS_DATA_DIR;
  const home = os.homedir();
  switch (process.platform) {
    case "darwin":
      return path.join(home, "Library", "Application Support", "Picops");
    case "win32":
      return path.join(process.env.APPDATA ?? path.join(home, "AppData", "Roaming"), "Picops");
    default:
      return path.join(process.env.XDG_DATA_HOME ?? path.join(home, ".local", "share"), "picops");
  }
}
