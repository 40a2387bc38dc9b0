import type { ConnectionTestOutcome } from "../../shared/connection-test";
import {
  type ConnectionSummary,
  type CosConnectionTestInput,
  type CosProfileInput,
  keepsStoredKeys,
  LOCAL_CONNECTION_ID,
} from "../../shared/connections";
import { PicopsError } from "../../shared/errors";
import type { ConnectionList } from "../../shared/ipc/contract";
import type { EventBus } from "../ipc/event-bus";
import { sameAddress, testConnection } from "./connection-test";
import type { Vault } from "./vault";

/** Connections the designer can pick: the built-in Local bucket, then the vault's COS profiles. */
export class ConnectionsService {
  constructor(
    private readonly vault: Vault,
    private readonly bus: EventBus,
    private readonly local: ConnectionSummary,
    /** Called when a profile's settings or keys change, so cached clients are dropped. */
    private readonly onProfileChanged: (id: string) => Promise<void>,
  ) {}

  list(): ConnectionList {
    const connections = [this.local, ...this.vault.summaries()];
    const stored = this.vault.activeId;
    const activeId = connections.some((c) => c.id === stored && !c.problem)
      ? (stored as string)
      : LOCAL_CONNECTION_ID;
    const list: ConnectionList = { connections, activeId };
    if (this.vault.fileProblem) list.vaultProblem = this.vault.fileProblem;
    return list;
  }

  async saveCos(input: CosProfileInput): Promise<ConnectionSummary> {
    const summary = await this.vault.save(input);
    await this.onProfileChanged(summary.id);
    this.#changed();
    return summary;
  }

  /**
   * Tries the form's keys as they stand. An edited profile with its key fields empty uses its
   * stored keys, but only towards its saved address: a test of another custom domain needs
   * the keys typed in the form, or anyone who can edit the form could collect them.
   */
  async test(input: CosConnectionTestInput, signal?: AbortSignal): Promise<ConnectionTestOutcome> {
    if (input.id !== undefined && keepsStoredKeys(input)) {
      const saved = this.vault.summaries().find((summary) => summary.id === input.id);
      if (!saved) throw new PicopsError("not-found", "connection-gone");
      const savedAddress = {
        region: saved.region,
        defaultBucket: saved.defaultBucket ?? "",
        customDomain: saved.customDomain,
      };
      if (!sameAddress(savedAddress, input)) {
        throw new PicopsError("keys-required", "stored-keys-other-endpoint", undefined, {
          path: ["secretId"],
        });
      }
      return testConnection(input, await this.vault.credentials(input.id), { signal });
    }
    const credentials = {
      secretId: input.secretId,
      secretKey: input.secretKey,
      ...(input.sessionToken ? { sessionToken: input.sessionToken } : {}),
    };
    return testConnection(input, credentials, { signal });
  }

  async delete(id: string): Promise<void> {
    if (id === LOCAL_CONNECTION_ID) throw new PicopsError("not-allowed", "local-bucket-built-in");
    await this.vault.delete(id);
    await this.onProfileChanged(id);
    this.#changed();
  }

  async select(id: string): Promise<void> {
    const target = this.list().connections.find((c) => c.id === id);
    if (!target) throw new PicopsError("not-found", "connection-gone");
    if (target.problem) throw new PicopsError("vault-unreadable", target.problem);
    await this.vault.setActive(id === LOCAL_CONNECTION_ID ? undefined : id);
    this.#changed();
  }

  #changed(): void {
    this.bus.emit("connections.changed", this.list());
  }
}
