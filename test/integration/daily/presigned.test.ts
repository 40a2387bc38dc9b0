import { readFile } from "node:fs/promises";
import path from "node:path";
import { request } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { presignGetUrl } from "../../../electron/cos/presign";
import { LOCAL_BUCKET_NAME } from "../../../shared/connections";
import { noiseImage } from "../../fixtures/images";
import { type PicopsWithEndpoint, startPicops } from "../picgo/harness";
import { addFiles, options, uploadAll } from "./upload-steps";

let picops: PicopsWithEndpoint;
beforeEach(async () => {
  picops = await startPicops();
});
afterEach(async () => {
  await picops.close();
});

async function get(url: string): Promise<{ status: number; body: Buffer }> {
  const answer = await request(url);
  return { status: answer.statusCode, body: Buffer.from(await answer.body.arrayBuffer()) };
}

const objects = (keys: string[]) => ({ kind: "objects" as const, bucket: LOCAL_BUCKET_NAME, keys });

describe("presigned links of a private bucket", () => {
  it("open the object for the time chosen, and only that object, only unaltered", async () => {
    const cat = await noiseImage(40, 30).png().toBuffer();
    await addFiles(picops, { "cat.png": cat, "dog.png": await noiseImage(30, 40).png().toBuffer() });
    await uploadAll(picops, options({ prefix: "private/" }));

    const plain = await picops.call("links.make", { source: objects(["private/cat.png"]), format: "url" });
    expect((await get(plain.text)).status).toBe(403);

    const signed = await picops.call("links.make", {
      source: objects(["private/cat.png"]),
      format: "url",
      presigned: { expiresInSeconds: 15 * 60 },
    });
    const opened = await get(signed.text);
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual(cat);
    const credentials = JSON.parse(
      await readFile(path.join(picops.dataDir, "local-bucket", "credentials.json"), "utf8"),
    );
    expect(signed.text).not.toContain(credentials.secretKey);
    const [start, end] = new URL(signed.text).searchParams.get("q-key-time")?.split(";").map(Number) ?? [];
    expect((end ?? 0) - (start ?? 0)).toBe(15 * 60);

    // The signature names one object: on another key, or altered, it opens nothing.
    expect((await get(signed.text.replace("cat.png", "dog.png"))).status).toBe(403);
    const tampered = signed.text.replace(
      /q-signature=([0-9a-f])/,
      (_, c) => `q-signature=${c === "0" ? "1" : "0"}`,
    );
    expect(tampered).not.toBe(signed.text);
    expect((await get(tampered)).status).toBe(403);

    const expired = presignGetUrl({
      objectUrl: plain.text,
      key: "private/cat.png",
      credentials,
      expiresInSeconds: 15 * 60,
      nowMs: Date.now() - 60 * 60 * 1000,
    });
    expect((await get(expired)).status).toBe(403);
  });

  it("signs <img> and Markdown links too, and refuses an expiry outside 15 minutes to 7 days", async () => {
    await addFiles(picops, { "cat.png": await noiseImage(20, 20).png().toBuffer() });
    await uploadAll(picops, options());
    const html = await picops.call("links.make", {
      source: objects(["cat.png"]),
      format: "html",
      presigned: { expiresInSeconds: 7 * 24 * 60 * 60 },
    });
    const src = /src="([^"]+)"/.exec(html.text)?.[1]?.replaceAll("&amp;", "&") ?? "";
    expect((await get(src)).status).toBe(200);
    for (const expiresInSeconds of [60, 7 * 24 * 60 * 60 + 1]) {
      await expect(
        picops.call("links.make", {
          source: objects(["cat.png"]),
          format: "url",
          presigned: { expiresInSeconds },
        }),
      ).rejects.toThrow();
    }
  });
});
