import { mkdir, readdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createKeyFileCipher } from "../../../electron/connections/cipher";
import { createLogger } from "../../../electron/logger";
import { MAX_FORM_BYTES } from "../../../electron/picgo/requests";
import { createServices } from "../../../electron/services";
import { DEFAULT_PICGO_SETTINGS } from "../../../shared/picgo/endpoint";
import { noiseImage } from "../../fixtures/images";
import { multipart, type PicopsWithEndpoint, post, startPicops } from "./harness";

/** What the endpoint refuses, and that a refusal leaves the bucket untouched. */

let picops: PicopsWithEndpoint | undefined;
afterEach(async () => {
  await picops?.close();
  picops = undefined;
});

async function photo(app: PicopsWithEndpoint, name = "photo.jpg"): Promise<string> {
  const file = path.join(app.dir, name);
  await writeFile(file, await noiseImage(120, 80).jpeg().toBuffer());
  return file;
}

const json = (list: string[]) => ({
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ list }),
});

describe("who may upload", () => {
  it("refuses a web page's request (an Origin of http(s) or null) with 403 and stores nothing", async () => {
    const app = await startPicops();
    picops = app;
    const file = await photo(app);
    for (const origin of ["https://evil.example", "http://127.0.0.1:8080", "null"]) {
      const answer = await post(app.port, "/upload", {
        headers: { ...json([file]).headers, Origin: origin },
        body: json([file]).body,
      });
      expect(answer.status).toBe(403);
      expect(answer.json).toEqual({ success: false, message: expect.stringContaining("web pages") });
      expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
    }
    expect(await app.keys()).toEqual([]);
    // A desktop editor's own scheme is not a web page.
    const obsidian = await post(app.port, "/upload", {
      headers: { ...json([file]).headers, Origin: "app://obsidian.md" },
      body: json([file]).body,
    });
    expect(obsidian.json.success).toBe(true);
  });

  it("answers a page's CORS preflight with 403, and other addresses and methods with 404 and 405", async () => {
    const app = await startPicops();
    picops = app;
    const preflight = await post(app.port, "/upload", {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    expect((await post(app.port, "/delete", json([]))).status).toBe(404);
    expect((await post(app.port, "/upload", { method: "GET" })).status).toBe(405);
  });

  it("refuses a request addressed to a name that is not loopback (DNS rebinding)", async () => {
    const app = await startPicops();
    picops = app;
    const answer = await post(app.port, "/upload", {
      headers: { ...json([await photo(app)]).headers, Host: `attacker.example:${app.port}` },
      body: json([await photo(app)]).body,
    });
    expect(answer.status).toBe(403);
    expect(await app.keys()).toEqual([]);
  });

  it("with a key set, uploads only with ?key= and that key", async () => {
    const app = await startPicops({ key: "s3cret-Key" });
    picops = app;
    const file = await photo(app);
    for (const target of ["/upload", "/upload?key=wrong", "/upload?key=s3cret-key"]) {
      const answer = await post(app.port, target, json([file]));
      expect(answer.json).toEqual({
        success: false,
        message: expect.stringContaining("key is missing or wrong"),
      });
    }
    expect(await app.keys()).toEqual([]);
    const answer = await post(app.port, "/upload?key=s3cret-Key", json([file]));
    expect(answer.json.success).toBe(true);
  });
});

describe("what may be uploaded", () => {
  it("refuses the whole request, naming each bad path and why, when one path is not an image file", async () => {
    const app = await startPicops();
    picops = app;
    const good = await photo(app);
    const notes = path.join(app.dir, "notes.png");
    await writeFile(notes, "meeting notes, not a picture");
    const folder = path.join(app.dir, "folder");
    await mkdir(folder);
    const missing = path.join(app.dir, "gone.png");

    const answer = await post(
      app.port,
      "/upload",
      json([good, "images/relative.png", missing, folder, notes]),
    );

    expect(answer.json.success).toBe(false);
    const message = answer.json.message as string;
    expect(message).toContain("Nothing was uploaded");
    expect(message).toContain("images/relative.png: Picops cannot upload this: it is not an absolute path.");
    expect(message).toContain("gone.png: This file cannot be read (it no longer exists).");
    expect(message).toContain("it is a folder, not an image file.");
    expect(message).toContain("notes.png: This file is not an image");
    expect(message).not.toContain("photo.jpg");
    expect(await app.keys()).toEqual([]);
  });

  it("refuses an image over COS's 32 MB, by path and by form", async () => {
    const app = await startPicops();
    picops = app;
    const huge = Buffer.alloc(33 * 1024 * 1024);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const file = path.join(app.dir, "huge.jpg");
    await writeFile(file, huge);

    const byPath = await post(app.port, "/upload", json([file]));
    expect(byPath.json).toEqual({
      success: false,
      message: expect.stringContaining("over COS's 32 MB limit"),
    });

    const boundary = "picops-boundary";
    const byForm = await post(app.port, "/upload", {
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: multipart(boundary, [{ field: "files", fileName: "huge.jpg", type: "image/jpeg", bytes: huge }]),
    });
    expect(byForm.json).toEqual({
      success: false,
      message: expect.stringContaining("over COS's 32 MB limit"),
    });
    expect(await app.keys()).toEqual([]);
  });

  it("leaves no staged copy of a refused form, and refuses a key the template makes invalid", async () => {
    const app = await startPicops();
    picops = app;
    const boundary = "picops-boundary";
    const refused = await post(app.port, "/upload", {
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: multipart(boundary, [
        { field: "files", fileName: "notes.png", type: "image/png", bytes: Buffer.from("not a picture") },
      ]),
    });
    expect(refused.json).toEqual({
      success: false,
      message: expect.stringContaining("notes.png: This file is not an image"),
    });
    expect(await readdir(path.join(app.dataDir, "staging")).catch(() => [])).toEqual([]);

    await app.call("destinations.setDefault", {
      connectionId: "local",
      destination: { keyTemplate: "../{name}.{ext}", outputTemplate: "{name}_web.{format}" },
    });
    const answer = await post(app.port, "/upload", json([await photo(app)]));
    expect(answer.json).toEqual({
      success: false,
      message:
        "Nothing was uploaded: ../photo.jpg: The object key cannot be used: the key contains a . or .. segment.",
    });
    expect(await app.keys()).toEqual([]);
  });

  it("says so when the connection's default preset was deleted, and uploads nothing", async () => {
    const app = await startPicops();
    picops = app;
    const preset = await app.call("presets.save", { name: "Gone soon", rule: "imageMogr2/format/webp" });
    await app.call("destinations.setDefault", {
      connectionId: "local",
      destination: {
        presetId: preset.id,
        keyTemplate: "{name}.{ext}",
        outputTemplate: "{name}_web.{format}",
      },
    });
    await app.call("presets.delete", { id: preset.id });
    const answer = await post(app.port, "/upload", json([await photo(app)]));
    expect(answer.json).toEqual({
      success: false,
      message:
        'The default preset of the connection "Local bucket" no longer exists: choose another in Picops.',
    });
    expect(await app.keys()).toEqual([]);
  });

  it("bounds the request body: a form larger than the limit is answered, not read into memory", async () => {
    const app = await startPicops();
    picops = app;
    const boundary = "picops-boundary";
    const bytes = Buffer.alloc(MAX_FORM_BYTES + 1024);
    const answer = await post(app.port, "/upload", {
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: multipart(boundary, [{ field: "files", fileName: "big.png", type: "image/png", bytes }]),
    });
    expect(answer.json).toEqual({ success: false, message: "The request is larger than 96 MB." });
    const tooLongJson = await post(app.port, "/upload", json(["/x".repeat(600_000)]));
    expect(tooLongJson.json).toEqual({ success: false, message: "The request is larger than 1 MB." });
  });

  it("says what is wrong with a body that is neither JSON nor a form", async () => {
    const app = await startPicops();
    picops = app;
    const answer = await post(app.port, "/upload", {
      headers: { "Content-Type": "text/plain" },
      body: "/home/writer/photo.png",
    });
    expect(answer.json).toEqual({ success: false, message: expect.stringContaining("not JSON") });
    const notAList = await post(app.port, "/upload", {
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ list: "/home/writer/photo.png" }),
    });
    expect(notAList.json).toEqual({ success: false, message: '"list" must be an array of file paths.' });
  });
});

describe("the endpoint's life", () => {
  it("shows a busy port, and opens once the port is free and the settings are saved again", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const busyPort = (blocker.address() as { port: number }).port;
    const app = await startPicops();
    picops = app;
    const settings = { enabled: true, port: busyPort, key: "", returns: "original" as const };

    const busy = await app.call("picgo.configure", { settings });
    expect(busy.status).toEqual({ state: "port-busy", port: busyPort });
    // The endpoint left its old port when it moved.
    await expect(post(app.port, "/heartbeat")).rejects.toThrow(/ECONNREFUSED/);

    await new Promise((resolve) => blocker.close(resolve));
    const listening = await app.call("picgo.configure", { settings });
    expect(listening.status).toEqual({ state: "listening", port: busyPort });
    expect((await post(busyPort, "/heartbeat")).json.success).toBe(true);

    const off = await app.call("picgo.configure", { settings: { ...settings, enabled: false } });
    expect(off.status).toEqual({ state: "off" });
    await expect(post(busyPort, "/heartbeat")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("is off on a new data folder, keeps its settings across restarts and frees its port on close", async () => {
    const app = await startPicops({ key: "k1" });
    picops = app;
    const { port } = app;
    await app.services.close();
    await expect(post(port, "/heartbeat")).rejects.toThrow(/ECONNREFUSED/);

    const reopened = await createServices({
      dataDir: app.dataDir,
      cipher: await createKeyFileCipher(path.join(app.dir, "vault.key")),
      host: "web",
      version: "test",
      logger: createLogger(() => {}),
    });
    try {
      expect(await reopened.router.call("picgo.state", {})).toEqual({
        ok: true,
        value: {
          settings: { enabled: true, port, key: "k1", returns: "original" },
          status: { state: "listening", port },
        },
      });
    } finally {
      await reopened.close();
    }

    const fresh = await createServices({
      dataDir: path.join(app.dir, "fresh"),
      cipher: await createKeyFileCipher(path.join(app.dir, "vault.key")),
      host: "web",
      version: "test",
      logger: createLogger(() => {}),
    });
    try {
      expect(await fresh.router.call("picgo.state", {})).toEqual({
        ok: true,
        value: { settings: DEFAULT_PICGO_SETTINGS, status: { state: "off" } },
      });
    } finally {
      await fresh.close();
    }
    expect(DEFAULT_PICGO_SETTINGS).toEqual({ enabled: false, port: 36677, key: "", returns: "original" });
  });
});
