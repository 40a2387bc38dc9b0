import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmod, readFile, writeFile } from "node:fs/promises";

/** Seals secrets at rest. Electron uses the OS keychain (safeStorage); the web host a key file. */
export interface SecretCipher {
  readonly kind: string;
  seal(plain: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

const KEY_BYTES = 32;

/**
 * AES-256-GCM with a random key kept in `keyPath` (mode 0600). This is what the web host
 * uses where no OS keychain is reachable: it protects the vault file if it is copied
 * alone, not against someone who can read the whole data folder.
 */
export async function createKeyFileCipher(keyPath: string): Promise<SecretCipher> {
  const key = await loadOrCreateKey(keyPath);
  return {
    kind: "key-file",
    async seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return ["v1", iv, cipher.getAuthTag(), body]
        .map((part) => (typeof part === "string" ? part : part.toString("base64")))
        .join(":");
    },
    async open(sealed) {
      const [version, iv, tag, body] = sealed.split(":");
      if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("unknown sealed format");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
      decipher.setAuthTag(Buffer.from(tag, "base64"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
    },
  };
}

async function loadOrCreateKey(keyPath: string): Promise<Buffer> {
  try {
    const existing = await readFile(keyPath);
    if (existing.length === KEY_BYTES) return existing;
    throw new Error(`The vault key ${keyPath} is damaged (wrong length); move it away to start a new vault.`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const key = randomBytes(KEY_BYTES);
  await writeFile(keyPath, key, { mode: 0o600, flag: "wx" });
  await chmod(keyPath, 0o600);
  return key;
}
