import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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

describe("links of an upload and of bucket objects", () => {
  it("builds <picture> and srcset from the widths COS reported for the outputs", async () => {
    await addFiles(picops, { "cat.jpg": await noiseImage(1200, 900).jpeg().toBuffer() });
    const batch = await uploadAll(
      picops,
      options({
        prefix: "blog/",
        rules: [
          { rule: "imageMogr2/thumbnail/400x/format/webp", fileid: "{name}_w400.{format}" },
          { rule: "imageMogr2/thumbnail/800x/format/webp", fileid: "{name}_w800.{format}" },
          { rule: "imageMogr2/thumbnail/600x", fileid: "{name}_w600.{ext}" },
        ],
      }),
    );
    const base = await baseUrl();
    const source = { kind: "batch" as const, batchId: batch.id, which: "originals" as const };

    const picture = await picops.call("links.make", { source, format: "picture" });
    expect(picture.text).toBe(
      [
        "<picture>",
        `  <source type="image/webp" srcset="${base}blog/cat_w400.webp 400w, ${base}blog/cat_w800.webp 800w" sizes="100vw">`,
        `  <img src="${base}blog/cat.jpg" srcset="${base}blog/cat_w600.jpg 600w, ${base}blog/cat.jpg 1200w" sizes="100vw" alt="cat" width="1200" height="900">`,
        "</picture>",
      ].join("\n"),
    );
    const outputs = await picops.call("links.make", {
      source: { ...source, which: "outputs" },
      format: "markdown",
    });
    expect(outputs.links).toEqual([
      `![cat_w400](${base}blog/cat_w400.webp)`,
      `![cat_w800](${base}blog/cat_w800.webp)`,
      `![cat_w600](${base}blog/cat_w600.jpg)`,
    ]);
  });

  it("saves a connection's own templates in the data folder and uses them", async () => {
    const connectionId = "local";
    const saved = await picops.call("links.setTemplates", {
      connectionId,
      templates: [{ id: "bb", label: "BBCode", template: "[img]{url}[/img]" }],
    });
    expect(saved.templates).toHaveLength(1);
    const file = JSON.parse(await readFile(path.join(picops.dataDir, "link-templates.json"), "utf8"));
    expect(file).toEqual({ local: saved.templates });
    const base = await baseUrl();
    const made = await picops.call("links.make", {
      source: { kind: "objects", bucket: LOCAL_BUCKET_NAME, keys: ["a.png", "b/c.png"] },
      format: { templateId: "bb" },
    });
    expect(made.text).toBe(`[img]${base}a.png[/img]\n[img]${base}b/c.png[/img]`);
    await expect(
      picops.call("links.make", {
        source: { kind: "objects", bucket: LOCAL_BUCKET_NAME, keys: ["a.png"] },
        format: { templateId: "gone" },
      }),
    ).rejects.toThrow(/no longer exists/);
  });

  it("writes links on a connection's custom domain", async () => {
    const saved = await picops.call("connections.saveCos", {
      label: "Blog",
      secretId: "AKIDexample",
      secretKey: "exampleSecretKey",
      region: "ap-shanghai",
      defaultBucket: "blog-1250000000",
      customDomain: "img.example.com",
    });
    await picops.call("connections.select", { id: saved.id });
    const made = await picops.call("links.make", {
      source: { kind: "objects", bucket: "blog-1250000000", keys: ["2026/12/cat.jpg"] },
      format: "html",
    });
    expect(made.text).toBe('<img src="https://img.example.com/2026/12/cat.jpg" alt="cat">');

    // A selection of the bucket's objects: one line each, signed on the custom domain when asked.
    const selection = await picops.call("links.make", {
      source: { kind: "objects", bucket: "blog-1250000000", keys: ["2026/12/cat.jpg", "2026/12/dog.png"] },
      format: "markdown",
      presigned: { expiresInSeconds: 3600 },
    });
    const lines = selection.text.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^!\[cat\]\(https:\/\/img\.example\.com\/2026\/12\/cat\.jpg\?\S*q-sign-time=\d+;\d+/,
    );
    expect(lines[1]).toMatch(/^!\[dog\]\(https:\/\/img\.example\.com\/2026\/12\/dog\.png\?\S*q-sign-time=/);
    expect(selection.text).not.toContain("exampleSecretKey");
  });
});

/** Where the Local bucket serves its objects, path-style: `http://127.0.0.1:port/bucket/`. */
async function baseUrl(): Promise<string> {
  const made = await picops.call("links.make", {
    source: { kind: "objects", bucket: LOCAL_BUCKET_NAME, keys: ["x"] },
    format: "url",
  });
  return made.text.slice(0, -1);
}
