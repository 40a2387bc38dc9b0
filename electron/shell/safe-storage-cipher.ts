import { safeStorage } from "electron";
import type { SecretCipher } from "../connections/cipher";

/** Seals secrets with the OS keychain (Keychain, DPAPI, libsecret/kwallet) through Electron. */
export function createSafeStorageCipher(): SecretCipher {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error("The system keychain is not available, so Picops cannot store keys safely.");
  }
  return {
    kind: "safe-storage",
    seal: async (plain) => safeStorage.encryptString(plain).toString("base64"),
    open: async (sealed) => safeStorage.decryptString(Buffer.from(sealed, "base64")),
  };
}
