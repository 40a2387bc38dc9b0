import { randomUUID } from "node:crypto";
import { readFile, rename } from "node:fs/promises";
import { z } from "zod";
import {
  type ConnectionSummary,
  type CosProfileInput,
  keepsStoredKeys,
  maskSecretId,
} from "../../shared/connections";
import { type MessageRef, messageRef } from "../../shared/error-messages";
import { PicopsError } from "../../shared/errors";
import { writeFileAtomic } from "../fs-atomic";
import type { SecretCipher } from "./cipher";

/** What the main process needs to sign requests for a COS profile. Never leaves the main process. */
export interface CosCredentials {
  secretId: string;
  secretKey: string;
  sessionToken?: string;
}

const SealedSecretsSchema = z.object({
  secretId: z.string(),
  secretKey: z.string(),
  sessionToken: z.string().optional(),
});

const StoredProfileSchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  region: z.string(),
  defaultBucket: z.string(),
  customDomain: z.string().optional(),
  secretIdMasked: z.string(),
  sessionTokenExpiresAt: z.string().optional(),
  /** SecretId, SecretKey and session token, sealed together by the cipher. */
  sealed: z.string(),
});
type StoredProfile = z.infer<typeof StoredProfileSchema>;

const VaultFileSchema = z.object({
  version: z.literal(1),
  activeId: z.string().optional(),
  profiles: z.array(z.unknown()),
});

interface VaultEntry {
  profile: StoredProfile | undefined;
  /** Kept verbatim when unreadable, so that a bad entry is never silently dropped from disk. */
  raw: unknown;
  summary: ConnectionSummary;
}

/**
 * The credential vault: COS profiles in one JSON file whose secrets are sealed per
 * profile. A damaged entry is reported and kept; the other profiles still load.
 */
export class Vault {
  #entries: VaultEntry[] = [];
  #activeId: string | undefined;
  #fileProblem: MessageRef | undefined;

  private constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  static async open(file: string, cipher: SecretCipher): Promise<Vault> {
    const vault = new Vault(file, cipher);
    await vault.#load();
    return vault;
  }

  get fileProblem(): MessageRef | undefined {
    return this.#fileProblem;
  }

  get activeId(): string | undefined {
    return this.#activeId;
  }

  summaries(): ConnectionSummary[] {
    return this.#entries.map((entry) => entry.summary);
  }

  async setActive(id: string | undefined): Promise<void> {
    this.#activeId = id;
    await this.#save();
  }

  async save(input: CosProfileInput): Promise<ConnectionSummary> {
    const existing =
      input.id === undefined ? undefined : this.#entries.find((e) => e.summary.id === input.id);
    if (input.id !== undefined && !existing) throw new PicopsError("not-found", "connection-gone");
    const stored = keepsStoredKeys(input) ? existing?.profile : undefined;
    if (keepsStoredKeys(input) && !stored) {
      throw new PicopsError("vault-unreadable", "keys-unreadable");
    }
    const keys = stored
      ? {
          secretIdMasked: stored.secretIdMasked,
          sessionTokenExpiresAt: stored.sessionTokenExpiresAt,
          sealed: stored.sealed,
        }
      : {
          secretIdMasked: maskSecretId(input.secretId),
          sessionTokenExpiresAt: input.sessionTokenExpiresAt,
          sealed: await this.cipher.seal(
            JSON.stringify({
              secretId: input.secretId,
              secretKey: input.secretKey,
              sessionToken: input.sessionToken || undefined,
            }),
          ),
        };
    const profile: StoredProfile = {
      id: existing?.summary.id ?? randomUUID(),
      label: input.label,
      region: input.region,
      defaultBucket: input.defaultBucket,
      customDomain: input.customDomain || undefined,
      ...keys,
    };
    const entry: VaultEntry = { profile, raw: profile, summary: summarise(profile) };
    this.#entries = existing
      ? this.#entries.map((e) => (e === existing ? entry : e))
      : [...this.#entries, entry];
    await this.#save();
    return entry.summary;
  }

  async delete(id: string): Promise<void> {
    const before = this.#entries.length;
    this.#entries = this.#entries.filter((e) => e.summary.id !== id);
    if (this.#entries.length === before) throw new PicopsError("not-found", "connection-gone");
    if (this.#activeId === id) this.#activeId = undefined;
    await this.#save();
  }

  async credentials(id: string): Promise<CosCredentials> {
    const entry = this.#entries.find((e) => e.summary.id === id);
    if (!entry) throw new PicopsError("not-found", "connection-gone");
    if (!entry.profile)
      throw new PicopsError("vault-unreadable", entry.summary.problem ?? "connection-damaged");
    return this.#open(entry.profile);
  }

  async #open(profile: StoredProfile): Promise<CosCredentials> {
    const secrets = SealedSecretsSchema.parse(JSON.parse(await this.cipher.open(profile.sealed)));
    return secrets.sessionToken === undefined
      ? { secretId: secrets.secretId, secretKey: secrets.secretKey }
      : secrets;
  }

  async #load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    const file = VaultFileSchema.safeParse(safeJson(text));
    if (!file.success) {
      // Nothing in it can be trusted: move it aside (never delete a designer's data) and start empty.
      const aside = `${this.file}.unreadable-${Date.now()}`;
      await rename(this.file, aside);
      this.#fileProblem = messageRef("connections-file-unreadable", { aside });
      return;
    }
    this.#activeId = file.data.activeId;
    this.#entries = await Promise.all(file.data.profiles.map((raw, index) => this.#loadEntry(raw, index)));
  }

  async #loadEntry(raw: unknown, index: number): Promise<VaultEntry> {
    const parsed = StoredProfileSchema.safeParse(raw);
    if (!parsed.success) {
      const label =
        typeof (raw as { label?: unknown })?.label === "string" ? (raw as { label: string }).label : "";
      const id =
        typeof (raw as { id?: unknown })?.id === "string"
          ? (raw as { id: string }).id
          : `unreadable-${index}`;
      return {
        profile: undefined,
        raw,
        summary: {
          id,
          kind: "cos",
          label: label || `Connection ${index + 1}`,
          region: "",
          problem: "connection-damaged",
        },
      };
    }
    const profile = parsed.data;
    try {
      await this.#open(profile);
      return { profile, raw, summary: summarise(profile) };
    } catch {
      return {
        profile: undefined,
        raw,
        summary: {
          ...summarise(profile),
          problem: "connection-keys-undecryptable",
        },
      };
    }
  }

  async #save(): Promise<void> {
    const file = { version: 1, activeId: this.#activeId, profiles: this.#entries.map((e) => e.raw) };
    await writeFileAtomic(this.file, `${JSON.stringify(file, null, 2)}\n`);
  }
}

function summarise(profile: StoredProfile): ConnectionSummary {
  const summary: ConnectionSummary = {
    id: profile.id,
    kind: "cos",
    label: profile.label,
    region: profile.region,
    defaultBucket: profile.defaultBucket,
    secretIdMasked: profile.secretIdMasked,
  };
  if (profile.customDomain) summary.customDomain = profile.customDomain;
  if (profile.sessionTokenExpiresAt) summary.sessionTokenExpiresAt = profile.sessionTokenExpiresAt;
  return summary;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
