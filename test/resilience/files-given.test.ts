import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noiseImage } from "../fixtures/images";
import { pageHeaders, type RunningApp, sendToHost, startApp } from "./app";

/**
 * Which files `files.add` takes: under the web host, the copies the page streamed (staged);
 * under Electron, what the preload reports for a dropped or picked File (grantFiles), and
 * what was opened with Picops. A path that was merely named is refused, whatever it is.
 */

let app: RunningApp;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

async function callOverHttp(
  channel: string,
  input: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const answer = await sendToHost(app, {
    path: `/api/call/${channel}`,
    method: "POST",
    headers: pageHeaders(app),
    body: JSON.stringify(input),
  });
  return JSON.parse(answer.body);
}

describe("files the page gave", () => {
  it("a file the page streamed is added from its staged copy; the folders around it and paths past it are not", async () => {
    const bytes = await noiseImage(40, 30).png().toBuffer();
    const staged = await sendToHost(app, {
      path: "/api/files",
      method: "POST",
      headers: { origin: app.host.origin, "x-picops-token": app.token, "x-picops-file-name": "cat.png" },
      body: bytes,
    });
    const stagedPath = (JSON.parse(staged.body) as { value: { path: string } }).value.path;
    expect(await readFile(stagedPath)).toEqual(bytes);

    const added = await callOverHttp("files.add", {
      sources: [{ path: stagedPath, relativePath: "cat.png" }],
    });
    expect(added).toMatchObject({ ok: true, value: { files: [{ path: stagedPath, format: "png" }] } });

    for (const named of [
      path.dirname(stagedPath),
      path.dirname(path.dirname(stagedPath)),
      `${stagedPath}/../..`,
    ]) {
      expect(await callOverHttp("files.add", { sources: [{ path: named }] })).toMatchObject({
        ok: false,
        error: { code: "file-not-given", status: 403 },
      });
    }
    // A refused call adds nothing, not even the given file that came with it.
    expect(
      await callOverHttp("files.add", { sources: [{ path: stagedPath }, { path: "/etc/hostname" }] }),
    ).toMatchObject({ ok: false });
    expect(await callOverHttp("files.list", {})).toMatchObject({ value: { files: [{ path: stagedPath }] } });
  });

  it("under Electron, a dropped file's path reported by the preload is added; the same folder's other files are not", async () => {
    const folder = path.join(app.dir, "desktop");
    await mkdir(folder);
    const dropped = path.join(folder, "dropped.jpg");
    const other = path.join(folder, "other.jpg");
    for (const file of [dropped, other]) await writeFile(file, await noiseImage(20, 20).jpeg().toBuffer());

    app.services.grantFiles([dropped]);
    expect(await app.call("files.add", { sources: [{ path: dropped }] })).toMatchObject({ ok: true });
    expect(await app.call("files.add", { sources: [{ path: other }] })).toMatchObject({
      ok: false,
      error: { code: "file-not-given" },
    });
  });
});
