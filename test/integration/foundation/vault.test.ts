import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { createKeyFileCipher } from "../../../electron/connections/cipher";
import { Vault } from "../../../electron/connections/vault";
import type { PicopsError } from "../../../shared/errors";

const profile = {
  label: "Studio",
  secretId: "AKIDexampleexampleexample1234",
  secretKey: "very-secret-key-material",
  sessionToken: "sts-session-token",
  region: "ap-guangzhou",
  defaultBucket: "photos-1250000000",
};

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "picops-vault-"));
  file = path.join(dir, "connections.json");
});

const openVault = async () => Vault.open(file, await createKeyFileCipher(path.join(dir, "vault.key")));

describe("Vault", () => {
  it("keeps profiles across restarts with their secrets sealed on disk", async () => {
    const vault = await openVault();
    const saved = await vault.save(profile);
    expect(saved).toMatchObject({
      kind: "cos",
      label: "Studio",
      secretIdMasked: "AKID*********************1234",
    });
    expect(JSON.stringify(saved)).not.toContain(profile.secretKey);

    const onDisk = await readFile(file, "utf8");
    for (const secret of [profile.secretId, profile.secretKey, profile.sessionToken])
      expect(onDisk).not.toContain(secret);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, "vault.key"))).mode & 0o777).toBe(0o600);

    const reopened = await openVault();
    expect(reopened.summaries()).toEqual([saved]);
    expect(await reopened.credentials(saved.id)).toEqual({
      secretId: profile.secretId,
      secretKey: profile.secretKey,
      sessionToken: profile.sessionToken,
    });
  });

  it("keeps the stored keys and session token when an edit leaves both key fields empty", async () => {
    const vault = await openVault();
    const saved = await vault.save({ ...profile, sessionTokenExpiresAt: "2026-11-25T06:00:00Z" });
    await vault.save({
      ...profile,
      id: saved.id,
      label: "Renamed",
      secretId: "",
      secretKey: "",
      sessionToken: "",
    });
    expect(vault.summaries()[0]).toMatchObject({
      label: "Renamed",
      secretIdMasked: saved.secretIdMasked,
      sessionTokenExpiresAt: "2026-11-25T06:00:00Z",
    });
    expect(await vault.credentials(saved.id)).toEqual({
      secretId: profile.secretId,
      secretKey: profile.secretKey,
      sessionToken: profile.sessionToken,
    });
  });

  it("replaces the whole key set when an edit gives new keys, renewed temporary keys or permanent ones", async () => {
    const vault = await openVault();
    const saved = await vault.save(profile);
    const renewed = {
      secretId: "AKIDrenewedrenewedrenewed9876",
      secretKey: "renewed-key",
      sessionToken: "t2",
    };
    await vault.save({ ...profile, ...renewed, id: saved.id });
    expect(await vault.credentials(saved.id)).toEqual(renewed);
    expect(vault.summaries()[0]?.secretIdMasked).toBe("AKID*********************9876");

    await vault.save({
      ...profile,
      id: saved.id,
      secretId: "AKIDpermanent",
      secretKey: "p",
      sessionToken: undefined,
    });
    expect(await vault.credentials(saved.id)).toEqual({ secretId: "AKIDpermanent", secretKey: "p" });
  });

  it("reports a damaged profile by name and keeps the others working", async () => {
    const vault = await openVault();
    const good = await vault.save(profile);
    const bad = await vault.save({ ...profile, label: "Damaged one" });
    const data = JSON.parse(await readFile(file, "utf8"));
    data.profiles[1].sealed = "v1:AAAA:BBBB:CCCC";
    await writeFile(file, JSON.stringify(data));

    const reopened = await openVault();
    const [first, second] = reopened.summaries();
    expect(first).toEqual(good);
    expect(second).toMatchObject({ id: bad.id, label: "Damaged one" });
    expect(second?.problem).toBe("connection-keys-undecryptable");
    const refusal = await reopened.credentials(bad.id).catch((error: PicopsError) => error.toAppError());
    // The id and values cross IPC, so the renderer can say it in the designer's language.
    expect(refusal).toEqual({
      code: "vault-unreadable",
      message: "This connection's keys could not be decrypted on this computer. Enter them again.",
      messageId: "connection-keys-undecryptable",
    });
    // The damaged entry is not thrown away when the vault saves again.
    await reopened.save({ ...profile, label: "Third" });
    expect(JSON.parse(await readFile(file, "utf8")).profiles).toHaveLength(3);
  });

  it("moves an unreadable file aside and starts empty, saying so", async () => {
    await writeFile(file, "{ this is not json");
    const vault = await openVault();
    expect(vault.summaries()).toEqual([]);
    expect(vault.fileProblem).toEqual({
      messageId: "connections-file-unreadable",
      values: { aside: expect.stringContaining("connections.json.unreadable-") },
    });
    expect((await readdir(dir)).some((name) => name.startsWith("connections.json.unreadable-"))).toBe(true);
  });

  it("deletes a profile and forgets it was active", async () => {
    const vault = await openVault();
    const saved = await vault.save(profile);
    await vault.setActive(saved.id);
    await vault.delete(saved.id);
    expect(vault.summaries()).toEqual([]);
    expect(vault.activeId).toBeUndefined();
    await expect(vault.delete(saved.id)).rejects.toMatchObject({ code: "not-found" });
  });
});
