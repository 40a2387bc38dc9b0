import { LOCAL_CONNECTION_ID } from "../../shared/connections";
import { PicopsError } from "../../shared/errors";
import { CosClient } from "../cos/client";
import type { LocalConnectionHost } from "./local-connection";
import type { Vault } from "./vault";

/** One COS client per connection, made on first use and dropped when the profile changes. */
export class ConnectionClients {
  readonly #clients = new Map<string, Promise<CosClient>>();

  constructor(
    private readonly vault: Vault,
    private readonly local: LocalConnectionHost,
  ) {}

  get(connectionId: string): Promise<CosClient> {
    let client = this.#clients.get(connectionId);
    if (!client) {
      client = this.#create(connectionId);
      this.#clients.set(connectionId, client);
      client.catch(() => this.#clients.delete(connectionId));
    }
    return client;
  }

  /** Forgets a connection's client, after its profile was edited or deleted. */
  async forget(connectionId: string): Promise<void> {
    const client = this.#clients.get(connectionId);
    this.#clients.delete(connectionId);
    await (await client?.catch(() => undefined))?.close();
  }

  async close(): Promise<void> {
    await Promise.all([...this.#clients.keys()].map((id) => this.forget(id)));
  }

  async #create(connectionId: string): Promise<CosClient> {
    if (connectionId === LOCAL_CONNECTION_ID) {
      const { bucket, region, credentials } = await this.local.get();
      return new CosClient({
        credentials,
        region,
        endpoint: { kind: "path-style", baseUrl: bucket.url },
      });
    }
    const profile = this.vault.summaries().find((summary) => summary.id === connectionId);
    if (!profile) throw new PicopsError("not-found", "connection-gone");
    return new CosClient({
      credentials: await this.vault.credentials(connectionId),
      region: profile.region,
      endpoint: profile.customDomain
        ? { kind: "custom-domain", domain: profile.customDomain }
        : { kind: "virtual-host" },
    });
  }
}
