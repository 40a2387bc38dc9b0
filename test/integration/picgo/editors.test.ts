import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { noiseImage } from "../../fixtures/images";
import { multipart, type PicopsWithEndpoint, post, startPicops } from "./harness";

/**
 * Editors upload through Picops exactly as they upload through PicGo: these tests replay the
 * requests Typora, Obsidian's Image Auto Upload plugin and the VS Code extension (vs-PicList)
 * send — their headers and bodies as their sources build them — and check what lands in the
 * Local bucket and the URLs answered.
 */

const WEBP_THUMBNAIL = "imageMogr2/thumbnail/200x/format/webp";

let picops: PicopsWithEndpoint | undefined;
afterEach(async () => {
  await picops?.close();
  picops = undefined;
});

async function withPreset(app: PicopsWithEndpoint, keyTemplate = "notes/{name}.{ext}") {
  const preset = await app.call("presets.save", { name: "Web 200", rule: WEBP_THUMBNAIL });
  await app.call("destinations.setDefault", {
    connectionId: "local",
    destination: { presetId: preset.id, keyTemplate, outputTemplate: "{name}_web.{format}" },
  });
}

async function image(app: PicopsWithEndpoint, name: string, width = 640): Promise<string> {
  const file = path.join(app.dir, "images", name);
  await mkdir(path.dirname(file), { recursive: true });
  const picture = noiseImage(width, 400);
  await writeFile(file, await (name.endsWith(".png") ? picture.png() : picture.jpeg()).toBuffer());
  return file;
}

describe("the calls editors make", () => {
  it("Typora (PicGo.app): a JSON list of absolute paths, uploaded with the default preset, answered in order", async () => {
    const app = await startPicops();
    picops = app;
    await withPreset(app);
    const first = await image(app, "image-20261202143005123.png");
    const second = await image(app, "image-20261202143011456.jpg", 800);

    const answer = await post(app.port, "/upload", {
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ list: [first, second] }),
    });

    expect(answer.status).toBe(200);
    expect(answer.json.success).toBe(true);
    const urls = answer.json.result as string[];
    expect(urls.map((url) => app.keyOf(url))).toEqual([
      "notes/image-20261202143005123.png",
      "notes/image-20261202143011456.jpg",
    ]);
    expect(await app.object("notes/image-20261202143005123.png")).toEqual(await readFile(first));
    expect(await app.object("notes/image-20261202143011456.jpg")).toEqual(await readFile(second));
    const output = await sharp(await app.object("notes/image-20261202143011456_web.webp")).metadata();
    expect(output).toMatchObject({ format: "webp", width: 200 });
    expect(await app.keys()).toHaveLength(4);

    const { batches } = await app.call("batches.list", {});
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ kind: "upload", state: "finished", totals: { files: 2, done: 2 } });
  });

  it("names originals by the standard template (year/month) when the connection has no default", async () => {
    const app = await startPicops();
    picops = app;
    const file = await image(app, "Pasted image 20261202143005.png");
    const answer = await post(app.port, "/upload", {
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ list: [file] }),
    });
    const now = new Date();
    const month = `${now.getFullYear()}/${String(now.getMonth() + 1).padStart(2, "0")}`;
    expect(answer.json.success).toBe(true);
    expect(app.keyOf((answer.json.result as string[])[0] as string)).toBe(
      `${month}/Pasted image 20261202143005.png`,
    );
    expect(await app.keys()).toEqual([`${month}/Pasted image 20261202143005.png`]);
  });

  it("Obsidian (Image Auto Upload): a JSON list answered with the preset's output when that is the setting", async () => {
    const app = await startPicops({ returns: "output" });
    picops = app;
    await withPreset(app);
    const file = await image(app, "Pasted image 20261202143005.png");

    const answer = await post(app.port, "/upload", {
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ list: [file] }),
    });

    expect(answer.json).toEqual({ success: true, result: [expect.any(String)] });
    const url = (answer.json.result as string[])[0] as string;
    expect(app.keyOf(url)).toBe("notes/Pasted image 20261202143005_web.webp");
    expect(url).toContain("Pasted%20image");
    expect(await sharp(await app.object(app.keyOf(url))).metadata()).toMatchObject({
      format: "webp",
      width: 200,
    });
  });

  it("Obsidian, remote server mode: the files themselves in a form under the field `list`", async () => {
    const app = await startPicops();
    picops = app;
    await withPreset(app);
    const bytes = await noiseImage(300, 200).png().toBuffer();
    const boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    const answer = await post(app.port, "/upload", {
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      // The plugin names a vault file by its whole path, a pasted one by the time.
      body: multipart(boundary, [
        { field: "list", fileName: "/Users/writer/vault/assets/diagram.png", type: "image/png", bytes },
        { field: "list", fileName: "1764685805123.png", type: "image/png", bytes },
      ]),
    });

    expect(answer.json).toEqual({ success: true, result: expect.any(Array) });
    expect((answer.json.result as string[]).map((url) => app.keyOf(url))).toEqual([
      "notes/diagram.png",
      "notes/1764685805123.png",
    ]);
    expect(await app.object("notes/diagram.png")).toEqual(bytes);
    // The copies the form was staged in go once their batch is done.
    await app.services.staging.sweep();
    expect(await readdir(path.join(app.dataDir, "staging"))).toEqual([]);
    expect(await sharp(await app.object("notes/diagram_web.webp")).metadata()).toMatchObject({
      format: "webp",
      width: 200,
    });
  });

  it("VS Code (vs-PicList): axios's JSON list, and form-data's `file` fields in remote mode", async () => {
    const app = await startPicops();
    picops = app;
    await withPreset(app, "vscode/{name}-{md5:8}.{ext}");
    const file = await image(app, "screenshot.png");
    const md5 = (await import("node:crypto"))
      .createHash("md5")
      .update(await readFile(file))
      .digest("hex");
    const axiosHeaders = {
      Accept: "application/json, text/plain, */*",
      "Content-Type": "application/json",
      "User-Agent": "axios/1.7.9",
      "Accept-Encoding": "gzip, compress, deflate, br",
    };

    const json = await post(app.port, "/upload", {
      headers: axiosHeaders,
      body: JSON.stringify({ list: [file] }),
    });
    expect(json.json.success).toBe(true);
    expect(app.keyOf((json.json.result as string[])[0] as string)).toBe(
      `vscode/screenshot-${md5.slice(0, 8)}.png`,
    );

    const boundary = "--------------------------123456789012345678901234";
    const form = await post(app.port, "/upload", {
      headers: { ...axiosHeaders, "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: multipart(boundary, [
        { field: "file", fileName: "chart.png", type: "image/png", bytes: await readFile(file) },
      ]),
    });
    expect(form.json.success).toBe(true);
    expect(app.keyOf((form.json.result as string[])[0] as string)).toBe(
      `vscode/chart-${md5.slice(0, 8)}.png`,
    );
  });

  it("an empty body asks for the clipboard: the web host has none and says so", async () => {
    const app = await startPicops();
    picops = app;
    // Obsidian's clipboard upload: requestUrl with no body and no Content-Type.
    const answer = await post(app.port, "/upload");
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      success: false,
      message: expect.stringContaining("without a desktop clipboard"),
    });
    expect(await app.keys()).toEqual([]);
  });

  it("under Electron, an empty body uploads the clipboard's image, named from the moment it was pasted", async () => {
    const png = await noiseImage(90, 60).png().toBuffer();
    let clipboard: Uint8Array | undefined = png;
    const app = await startPicops({ readClipboardImage: () => clipboard });
    picops = app;
    await withPreset(app, "clips/{name}.{ext}");

    const answer = await post(app.port, "/upload");
    expect(answer.json.success).toBe(true);
    const key = app.keyOf((answer.json.result as string[])[0] as string);
    expect(key).toMatch(/^clips\/paste-\d{8}-\d{6}\.png$/);
    expect(await app.object(key)).toEqual(png);
    // PicGo reads an empty list the same way.
    clipboard = undefined;
    const empty = await post(app.port, "/upload", {
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ list: [] }),
    });
    expect(empty.json).toEqual({ success: false, message: "The clipboard holds no image." });
  });

  it("refuses a request whose files the key template would store under one key", async () => {
    const app = await startPicops();
    picops = app;
    await withPreset(app, "same/{ext}");
    const first = await image(app, "a.png");
    const second = await image(app, "b.png");
    const answer = await post(app.port, "/upload", {
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ list: [first, second] }),
    });
    expect(answer.json).toEqual({
      success: false,
      message: expect.stringContaining("two files would be stored as same/png"),
    });
    expect(await app.keys()).toEqual([]);
  });

  it("answers PicGo's heartbeat on POST and GET", async () => {
    const app = await startPicops();
    picops = app;
    expect((await post(app.port, "/heartbeat")).json).toEqual({ success: true, result: "alive" });
    expect((await post(app.port, "/heartbeat", { method: "GET" })).json).toEqual({
      success: true,
      result: "alive",
    });
  });
});
