import { describe, expect, it } from "vitest";
import { createRouter, type Handlers } from "../../../electron/ipc/router";
import { createLogger } from "../../../electron/logger";
import { PicopsError } from "../../../shared/errors";

const logged: string[] = [];
const logger = createLogger((line) => logged.push(line));

function router(overrides: Partial<Handlers> = {}) {
  // Only the channels these tests call; the router never looks at the others.
  const handlers = {
    "app.describe": async () => ({ host: "web", version: "1.0.0", platform: "linux" }),
    "connections.list": async () => ({ connections: [], activeId: "local" }),
    "connections.saveCos": async () => {
      throw new PicopsError("not-found", "connection-gone");
    },
    "connections.delete": async () => {
      throw new Error("disk exploded at /home/someone/secret-path");
    },
    "connections.select": async () => ({}),
    ...overrides,
  } as Handlers;
  return createRouter(handlers, logger);
}

describe("router", () => {
  it("answers a known channel with its value", async () => {
    expect(await router().call("app.describe", {})).toEqual({
      ok: true,
      value: { host: "web", version: "1.0.0", platform: "linux" },
    });
  });

  it("refuses a channel that does not exist, including prototype names", async () => {
    for (const name of ["nope", "__proto__", "constructor", 42, undefined]) {
      const result = await router().call(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: "unknown-channel" } });
    }
  });

  it("refuses malformed input with the path of the first problem", async () => {
    const result = await router().call("connections.delete", { id: 7 });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid-input", path: ["id"] } });
    expect(await router().call("app.describe", { extra: true })).toMatchObject({
      ok: false,
      error: { code: "invalid-input" },
    });
    expect(await router().call("connections.delete", "not an object")).toMatchObject({ ok: false });
  });

  it("strips fields the contract does not declare from outputs", async () => {
    const leaky = router({
      "app.describe": async () =>
        ({ host: "web", version: "1", platform: "linux", secretKey: "do-not-leak" }) as never,
    });
    const result = await leaky.call("app.describe", {});
    expect(JSON.stringify(result)).not.toContain("do-not-leak");
  });

  it("turns a PicopsError into its code, its English message and the sentence's id", async () => {
    const result = await router().call("connections.saveCos", {
      label: "x",
      secretId: "id",
      secretKey: "key",
      region: "ap-guangzhou",
      defaultBucket: "photos-1250000000",
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: "not-found",
        message: "That connection no longer exists.",
        messageId: "connection-gone",
      },
    });
  });

  it("hides unexpected failures behind a generic message and logs them", async () => {
    const result = await router().call("connections.delete", { id: "abc" });
    expect(result).toMatchObject({ ok: false, error: { code: "internal" } });
    expect(JSON.stringify(result)).not.toContain("secret-path");
    expect(logged.join("\n")).toContain("connections.delete failed");
  });
});

describe("logger", () => {
  it("never writes registered secrets or signatures", () => {
    const lines: string[] = [];
    const log = createLogger((line) => lines.push(line));
    log.redact("Gu5t9xGARNpq86cd98joQYCN");
    log.error("request failed", {
      authorization: "q-sign-algorithm=sha1&q-signature=abcdef0123",
      key: "Gu5t9xGARNpq86cd98joQYCN",
    });
    expect(lines.join()).not.toContain("Gu5t9xGARNpq86cd98joQYCN");
    expect(lines.join()).not.toContain("abcdef0123");
  });
});
