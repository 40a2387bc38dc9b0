import {
  DEFAULT_PICGO_SETTINGS,
  type PicGoSettings,
  PicGoSettingsSchema,
  type PicGoState,
  type PicGoStatus,
} from "../../shared/picgo/endpoint";
import type { EventBus } from "../ipc/event-bus";
import type { Logger } from "../logger";
import { SettingsFile } from "../settings-file";
import type { PicGoAnswer } from "./answers";
import type { EditorRequest } from "./requests";
import { type RunningPicGoServer, startPicGoServer } from "./server";

export interface PicGoEndpointDeps {
  /** `picgo-endpoint.json` in the data folder. */
  file: string;
  bus: EventBus;
  logger: Logger;
  upload(request: EditorRequest): Promise<PicGoAnswer>;
}

/**
 * The PicGo-compatible endpoint's settings and its server: open while the designer has it
 * on, moved when the port changes, closed with the app. Its state (off, listening, port
 * busy) is announced on `picgo.changed` so the window shows it.
 */
export class PicGoEndpoint {
  #server: RunningPicGoServer | undefined;
  #status: PicGoStatus = { state: "off" };
  /** Serialises changes: the port is opened and closed one configuration at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly deps: PicGoEndpointDeps,
    private readonly settings: SettingsFile<PicGoSettings>,
  ) {}

  /** Reads the settings and opens the endpoint if it was left on. */
  static async open(deps: PicGoEndpointDeps): Promise<PicGoEndpoint> {
    const settings = await SettingsFile.open(deps.file, PicGoSettingsSchema, DEFAULT_PICGO_SETTINGS);
    const endpoint = new PicGoEndpoint(deps, settings);
    await endpoint.#change(() => endpoint.#apply());
    return endpoint;
  }

  state(): PicGoState {
    return { settings: this.settings.get(), status: this.#status };
  }

  configure(settings: PicGoSettings): Promise<PicGoState> {
    return this.#change(async () => {
      await this.settings.save(settings);
      await this.#apply();
    });
  }

  async close(): Promise<void> {
    await this.#change(() => this.#stop());
  }

  async #apply(): Promise<void> {
    const { enabled, port } = this.settings.get();
    if (this.#server && (!enabled || this.#server.port !== port)) await this.#stop();
    if (!enabled) {
      this.#status = { state: "off" };
      return;
    }
    if (this.#server) return;
    try {
      this.#server = await startPicGoServer({
        port,
        key: () => this.settings.get().key,
        upload: (request) => this.deps.upload(request),
        logger: this.deps.logger,
      });
      this.#status = { state: "listening", port: this.#server.port };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unknown";
      this.#status =
        code === "EADDRINUSE" ? { state: "port-busy", port } : { state: "failed", port, reason: code };
    }
  }

  async #stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    this.#status = { state: "off" };
    await server?.close();
  }

  #change(work: () => Promise<void>): Promise<PicGoState> {
    const run = this.#queue.then(async () => {
      await work();
      const state = this.state();
      this.deps.bus.emit("picgo.changed", state);
      return state;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
