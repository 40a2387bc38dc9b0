import { LOCAL_CONNECTION_ID } from "../../shared/connections";
import { PicopsError } from "../../shared/errors";
import { CiJobsClient } from "../cos/ci-jobs";
import { CosClient, type CosClientOptions } from "../cos/client";
import type { LocalConnectionHost } from "./local-connection";
import type { Vault } from "./vault";

/** One COS client per connection, made on first use and dropped when the profile changes. */
export class ConnectionClients {
  readonly #clients = new Map<string, Promise<CosClient>>();
  /** Cloud Infinite's batch jobs: the same keys and endpoint, on the bucket's ci host. */
  readonly #ciJobs = new Map<string, Promise<CiJobsClient>>();

  constructor(
    private readonly vault: Vault,
    private readonly local: LocalConnectionHost,
  ) {}

  get(connectionId: string): Promise<CosClient> {
    return cached(this.#clients, connectionId, async () => new CosClient(await this.#options(connectionId)));
  }

  ciJobs(connectionId: string): Promise<CiJobsClient> {
    return cached(
      this.#ciJobs,
      connectionId,
      async () => new CiJobsClient(await this.#options(connectionId)),
    );
  }

  /** Forgets a connection's client, after its profile was edited or deleted. */
  async forget(connectionId: string): Promise<void> {
    const client = this.#clients.get(connectionId);
    const ciJobs = this.#ciJobs.get(connectionId);
    this.#clients.delete(connectionId);
    this.#ciJobs.delete(connectionId);
    await (await client?.catch(() => undefined))?.close();
    await (await ciJobs?.catch(() => undefined))?.close();
  }

  async close(): Promise<void> {
    const ids = new Set([...this.#clients.keys(), ...this.#ciJobs.keys()]);
    await Promise.all([...ids].map((id) => this.forget(id)));
  }

  async #options(connectionId: string): Promise<CosClientOptions> {
    if (connectionId === LOCAL_CONNECTION_ID) {
      const { bucket, region, credentials } = await this.local.get();
      return { credentials, region, endpoint: { kind: "path-style", baseUrl: bucket.url } };
    }
    const profile = this.vault.summaries().find((summary) => summary.id === connectionId);
    if (!profile) throw new PicopsError("not-found", "connection-gone");
    return {
      credentials: await this.vault.credentials(connectionId),
      region: profile.region,
      endpoint: profile.customDomain
        ? { kind: "custom-domain", domain: profile.customDomain }
        : { kind: "virtual-host" },
    };
  }
}

/** The connection's client, made once; a failed attempt is forgotten so the next call retries. */
function cached<T>(
  clients: Map<string, Promise<T>>,
  connectionId: string,
  create: () => Promise<T>,
): Promise<T> {
  let client = clients.get(connectionId);
  if (!client) {
    client = create();
    clients.set(connectionId, client);
    client.catch(() => clients.delete(connectionId));
  }
  return client;
}
