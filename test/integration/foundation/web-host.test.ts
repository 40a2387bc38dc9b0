import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createKeyFileCipher } from "../../../electron/connections/cipher";
import { createLogger } from "../../../electron/logger";
import { createServices, type Services } from "../../../electron/services";
import { startWebHost, type WebHost } from "../../../electron/web-host/server";

let host: WebHost;
let services: Services;
let token: string;

beforeEach(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "picops-web-"));
  const rendererDir = path.join(dir, "renderer");
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, "index.html"), "<!doctype html><title>Picops</title>");
  await writeFile(path.join(dir, "outside.txt"), "private");
  const logger = createLogger(() => {});
  services = await createServices({
    dataDir: path.join(dir, "data"),
    cipher: await createKeyFileCipher(path.join(dir, "vault.key")),
    host: "web",
    version: "test",
    logger,
  });
  host = await startWebHost({ services, logger, rendererDir });
  token = new URL(host.url).hash.replace("#token=", "");
});

afterEach(async () => {
  await host.close();
  await services.close();
});

/** A raw HTTP request, so tests can send the Host and Origin a browser would not let them forge. */
function send(options: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: host.port,
          path: options.path,
          method: options.method ?? "GET",
          headers: options.headers,
        },
        (res) => {
          let body = "";
          res.on("data", (chunk) => {
            body += chunk;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        },
      );
      req.on("error", reject);
      req.end(options.body);
    },
  );
}

const call = (channel: string, body: string, headers: Record<string, string> = {}) =>
  send({
    path: `/api/call/${channel}`,
    method: "POST",
    body,
    headers: { "content-type": "application/json", origin: host.origin, "x-picops-token": token, ...headers },
  });

describe("web host", () => {
  it("answers calls that carry the token from its own origin", async () => {
    const response = await call("app.describe", "{}");
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { host: "web", version: "test" } });
  });

  it("refuses a missing or wrong token", async () => {
    expect((await call("app.describe", "{}", { "x-picops-token": "" })).status).toBe(401);
    expect((await call("app.describe", "{}", { "x-picops-token": `${token}x` })).status).toBe(401);
  });

  it("refuses foreign origins and foreign Host names (DNS rebinding)", async () => {
    expect((await call("app.describe", "{}", { origin: "http://evil.example" })).status).toBe(403);
    expect((await call("app.describe", "{}", { origin: "null" })).status).toBe(403);
    expect((await call("app.describe", "{}", { host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await send({ path: "/", headers: { host: "evil.example" } })).status).toBe(421);
  });

  it("answers malformed payloads with a typed error and keeps working", async () => {
    expect(JSON.parse((await call("app.describe", "{not json")).body)).toMatchObject({
      ok: false,
      error: { code: "invalid-input" },
    });
    expect(JSON.parse((await call("no.such.channel", "{}")).body)).toMatchObject({
      ok: false,
      error: { code: "unknown-channel" },
    });
    expect(JSON.parse((await call("app.describe", "x".repeat(2 * 1024 * 1024))).body)).toMatchObject({
      ok: false,
      error: { code: "invalid-input" },
    });
    expect((await call("app.describe", "{}")).status).toBe(200);
  });

  it("serves the renderer with a strict CSP and nothing outside its folder", async () => {
    const page = await send({ path: "/" });
    expect(page.status).toBe(200);
    expect(String(page.headers["content-security-policy"])).toContain("default-src 'self'");
    expect((await send({ path: "/../outside.txt" })).status).toBe(404);
    expect((await send({ path: "/%2e%2e/outside.txt" })).status).toBe(404);
  });

  it("refuses to bind anything but loopback", async () => {
    const logger = createLogger(() => {});
    await expect(startWebHost({ services, logger, rendererDir: ".", host: "0.0.0.0" })).rejects.toThrow(
      /loopback/,
    );
  });

  it("streams events over a socket that needs the token and the origin", async () => {
    const events = `ws://127.0.0.1:${host.port}/api/events`;
    const refused = new WebSocket(`${events}?token=wrong`, { origin: host.origin });
    await new Promise((resolve) => refused.once("error", resolve));

    const socket = new WebSocket(`${events}?token=${token}`, { origin: host.origin });
    await new Promise((resolve) => socket.once("open", resolve));
    const received = new Promise<string>((resolve) =>
      socket.once("message", (data) => resolve(String(data))),
    );
    await call(
      "connections.saveCos",
      JSON.stringify({
        label: "Studio",
        secretId: "AKIDexample1234",
        secretKey: "secret-material",
        region: "ap-guangzhou",
        defaultBucket: "photos-1250000000",
      }),
    );
    const message = JSON.parse(await received);
    expect(message.event).toBe("connections.changed");
    expect(message.payload.connections.map((c: { label: string }) => c.label)).toEqual([
      "Local bucket",
      "Studio",
    ]);
    expect(JSON.stringify(message)).not.toContain("secret-material");
    socket.close();
  });
});

describe("web host media", () => {
  it("serves images the main process stored, only on its own origin", async () => {
    const url = services.media.put(Buffer.from("fake png bytes"), "image/png");
    const found = await send({ path: `/${url}` });
    expect(found.status).toBe(200);
    expect(found.body).toBe("fake png bytes");
    expect(found.headers["content-type"]).toBe("image/png");
    expect(found.headers["cross-origin-resource-policy"]).toBe("same-origin");
    expect((await send({ path: "/media/00000000-0000-0000-0000-000000000000" })).status).toBe(404);
    expect((await send({ path: `/${url}`, headers: { host: "evil.example" } })).status).toBe(421);
  });

  it("never serves markup from the media store", async () => {
    const url = services.media.put(Buffer.from("<script>alert(1)</script>"), "text/html");
    const response = await send({ path: `/${url}` });
    expect(response.headers["content-type"]).toBe("application/octet-stream");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
  });
});
