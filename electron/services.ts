import { mkdir } from "node:fs/promises";
import path from "node:path";
import { LOCAL_CONNECTION_ID } from "../shared/connections";
import type { HostInfo } from "../shared/ipc/contract";
import type { SecretCipher } from "./connections/cipher";
import { connectionHandlers } from "./connections/handlers";
import { ConnectionsService } from "./connections/service";
import { Vault } from "./connections/vault";
import { EventBus } from "./ipc/event-bus";
import { createRouter, type Router } from "./ipc/router";
import type { Logger } from "./logger";

export interface ServicesConfig {
  /** Folder for everything Picops keeps: vault, local bucket, journals, presets. */
  dataDir: string;
  cipher: SecretCipher;
  host: HostInfo["host"];
  version: string;
  logger: Logger;
}

export interface Services {
  router: Router;
  bus: EventBus;
  close(): Promise<void>;
}

export const LOCAL_BUCKET_NAME = "picops-1250000000";
export const LOCAL_REGION = "ap-local";

/**
 * The composition root shared by both hosts: Electron's main process and the web host
 * build the same services here and differ only in how they carry the router and bus.
 */
export async function createServices(config: ServicesConfig): Promise<Services> {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const bus = new EventBus();
  const vault = await Vault.open(path.join(config.dataDir, "connections.json"), config.cipher);
  const connections = new ConnectionsService(vault, bus, {
    id: LOCAL_CONNECTION_ID,
    kind: "local",
    label: "Local bucket",
    region: LOCAL_REGION,
    defaultBucket: LOCAL_BUCKET_NAME,
  });

  const router = createRouter(
    {
      "app.describe": async () => ({
        host: config.host,
        version: config.version,
        platform: process.platform,
      }),
      ...connectionHandlers(connections),
    },
    config.logger,
  );

  return {
    router,
    bus,
    async close() {},
  };
}
