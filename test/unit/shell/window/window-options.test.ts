import { describe, expect, it } from "vitest";
import { mainWindowOptions } from "../../../../electron/shell/window/window-options";

describe("mainWindowOptions", () => {
  it("turns on every protection of Electron's security checklist", () => {
    expect(mainWindowOptions("/app/preload.cjs").webPreferences).toMatchObject({
      preload: "/app/preload.cjs",
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
