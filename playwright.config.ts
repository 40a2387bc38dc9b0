import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

// End-to-end tests drive the real renderer, served by the web host, in the system's
// Chromium: Playwright's own browser downloads are not available everywhere Picops is built.
const chromium = [
  process.env.PICOPS_CHROMIUM,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
]
  .filter((candidate): candidate is string => Boolean(candidate))
  .find((candidate) => existsSync(candidate));

if (!chromium) {
  throw new Error(
    "No Chromium found for the end-to-end tests. Install it (Debian/Ubuntu: apt-get install -y chromium) or set PICOPS_CHROMIUM to a Chrome/Chromium executable.",
  );
}

export default defineConfig({
  testDir: "test/e2e",
  outputDir: "test-results",
  timeout: 60_000,
  workers: 2,
  reporter: process.env.CI ? "list" : [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
  },
});
