import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shareableObjectUrl } from "../../../electron/bucket/object-url";
import { type BrowsingBucket, BUCKET, REGION, seedKeys, startBrowsingBucket } from "./fixture";

let env: BrowsingBucket;
let photo: Buffer;

beforeAll(async () => {
  env = await startBrowsingBucket();
  photo = await sharp({ create: { width: 320, height: 200, channels: 3, background: "#3366aa" } })
    .jpeg()
    .toBuffer();
  await env.client.putObject({
    bucket: BUCKET,
    key: "shoot/cat.jpg",
    body: photo,
    options: { metadata: { photographer: "Lin" }, storageClass: "STANDARD_IA" },
  });
  await env.client.putObject({ bucket: BUCKET, key: "shoot/notes.txt", body: Buffer.from("not an image") });
});

afterAll(() => env.dispose());

describe("details", () => {
  it("reports metadata, x-cos-meta-* and the image's format and size", async () => {
    const details = await env.browser.details(BUCKET, "shoot/cat.jpg");
    expect(details).toMatchObject({
      bucket: BUCKET,
      key: "shoot/cat.jpg",
      size: photo.length,
      contentType: "image/jpeg",
      storageClass: "STANDARD_IA",
      metadata: { photographer: "Lin" },
      image: { format: "jpeg", width: 320, height: 200 },
    });
    expect(details.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(Number.isNaN(Date.parse(details.lastModified ?? ""))).toBe(false);
    expect(details.imageProblem).toBeUndefined();
  });

  it("still describes an object COS cannot read as an image, saying why", async () => {
    const details = await env.browser.details(BUCKET, "shoot/notes.txt");
    expect(details.size).toBe(12);
    expect(details.image).toBeUndefined();
    expect(details.imageProblem?.code).toBe("InvalidImageFormat");
  });

  it("fails with NoSuchKey for a missing object", async () => {
    await expect(env.browser.details(BUCKET, "shoot/gone.jpg")).rejects.toMatchObject({ code: "NoSuchKey" });
  });
});

describe("delete", () => {
  it("deletes every key in chunks of 1000 and reports each; the listing no longer has them", async () => {
    const keys = Array.from({ length: 1200 }, (_, i) => `trash/t${String(i).padStart(4, "0")}.png`);
    await seedKeys(env.client, [...keys, "trash/keep.png"], () => Buffer.from("x"));
    const outcome = await env.browser.delete(BUCKET, keys);
    expect(outcome.failed).toEqual([]);
    expect(new Set(outcome.deleted)).toEqual(new Set(keys));
    env.browser.browse("after-delete", BUCKET, "trash/");
    const pages = await env.listed("after-delete");
    expect(pages.flatMap((page) => page.objects.keys)).toEqual(["trash/keep.png"]);
  });

  it("reports a refused request against each key", async () => {
    const outcome = await env.browser.delete("missing-1250000000", ["a.jpg", "b.jpg"]);
    expect(outcome.deleted).toEqual([]);
    expect(outcome.failed.map((failure) => [failure.key, failure.code])).toEqual([
      ["a.jpg", "NoSuchBucket"],
      ["b.jpg", "NoSuchBucket"],
    ]);
  });
});

describe("download", () => {
  it("in a browser, hands back one-off media URLs that read the exact bytes from the bucket", async () => {
    const outcome = await env.browser.download({ bucket: BUCKET, keys: ["shoot/cat.jpg"], base: "shoot/" });
    if (outcome.kind !== "browser") throw new Error(`expected a browser download, got ${outcome.kind}`);
    expect(outcome.files).toHaveLength(1);
    expect(outcome.files[0]?.fileName).toBe("cat.jpg");
    const url = outcome.files[0]?.url ?? "";
    const object = await env.media.takeDownload(url)?.open(new AbortController().signal);
    expect(object?.mimeType).toBe("image/jpeg");
    expect(object?.size).toBe(photo.length);
    const chunks: Buffer[] = [];
    for await (const chunk of object?.body ?? []) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(photo)).toBe(true);
    expect(env.media.takeDownload(url)).toBeUndefined();
  });

  it("in a browser, says at once that a key is missing", async () => {
    await expect(
      env.browser.download({ bucket: BUCKET, keys: ["shoot/missing.jpg"], base: "shoot/" }),
    ).rejects.toMatchObject({ code: "NoSuchKey" });
  });

  it("with a folder dialog, writes each key below the browsed folder and reports failures per key", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "picops-downloads-"));
    const withDialog = await startBrowsingBucket({ chooseFolder: async () => folder });
    try {
      await withDialog.client.putObject({ bucket: BUCKET, key: "a/b/c.jpg", body: photo });
      const outcome = await withDialog.browser.download({
        bucket: BUCKET,
        keys: ["a/b/c.jpg", "a/missing.jpg"],
        base: "a/",
      });
      expect(outcome).toMatchObject({
        kind: "saved",
        folder,
        files: [{ key: "a/b/c.jpg" }, { key: "a/missing.jpg", error: { code: "NoSuchKey" } }],
      });
      expect((await readFile(path.join(folder, "b", "c.jpg"))).equals(photo)).toBe(true);
      await expect(readFile(path.join(folder, "missing.jpg"))).rejects.toThrow();
    } finally {
      await withDialog.dispose();
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("does nothing when the designer closes the dialog", async () => {
    const cancelled = await startBrowsingBucket({ chooseFolder: async () => undefined });
    try {
      expect(await cancelled.browser.download({ bucket: BUCKET, keys: ["x.jpg"], base: "" })).toEqual({
        kind: "cancelled",
      });
    } finally {
      await cancelled.dispose();
    }
  });
});

describe("object URL", () => {
  it("is the Local bucket's own address for the Local connection", async () => {
    expect(await env.browser.objectUrl(BUCKET, "shoot/新 cat.jpg")).toBe(
      `${env.bucket.url}/${BUCKET}/shoot/%E6%96%B0%20cat.jpg`,
    );
  });

  it("is COS's virtual-host address, or the custom domain, for a cloud connection", () => {
    const cos = { kind: "cos" as const, region: REGION };
    expect(shareableObjectUrl(cos, undefined, "photos-1250000000", "a b/c.jpg")).toBe(
      "https://photos-1250000000.cos.ap-guangzhou.myqcloud.com/a%20b/c.jpg",
    );
    expect(
      shareableObjectUrl(
        { ...cos, customDomain: "img.example.com" },
        undefined,
        "photos-1250000000",
        "c.jpg",
      ),
    ).toBe("https://img.example.com/c.jpg");
  });
});
