import type { Logger } from "./logger";

/** What quitting needs of Electron's `app`: its before-quit event and a way out that skips it. */
export interface QuittingApp {
  on(event: "before-quit", listener: (event: { preventDefault(): void }) => void): unknown;
  /** Ends the app at once, without emitting before-quit again. */
  exit(code?: number): void;
}

/**
 * Every way out — the menu's Quit, Cmd+Q, the last window closing, the system logging out —
 * passes through before-quit. The first one is held until `close` has paused the running
 * batches (and their journals say so), then the app exits; quits asked for meanwhile wait
 * for the same close.
 */
export function closeBeforeQuit(app: QuittingApp, close: () => Promise<void>, logger: Logger): void {
  let closing = false;
  app.on("before-quit", (event) => {
    event.preventDefault();
    if (closing) return;
    closing = true;
    void close()
      .catch((error: unknown) => logger.error("Closing the services before quitting failed", error))
      .then(() => app.exit(0));
  });
}
