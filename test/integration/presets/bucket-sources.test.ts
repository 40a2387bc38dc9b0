import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CosClient } from "../../../electron/cos/client";
import { type LocalBucket, startLocalBucket } from "../../../electron/local-bucket/index";
import { BucketRuleSources } from "../../../electron/presets/bucket-sources";
import type { ConnectionList } from "../../../shared/ipc/channels/connections";

const BUCKET = "picops-1250000000";
const REGION = "ap-guangzhou";
const CREDENTIALS = { secretId: "AKIDrulesSourcesTest", secretKey: "rulesSourcesTestSecretKey" };

let root: string;
let bucket: LocalBucket;
let cos: CosClient;
let connections: ConnectionList;
let sources: BucketRuleSources;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "picops-rule-sources-"));
  bucket = await startLocalBucket({ root, region: REGION, buckets: [BUCKET], credentials: [CREDENTIALS] });
  cos = new CosClient({
    credentials: CREDENTIALS,
    region: REGION,
    endpoint: { kind: "path-style", baseUrl: bucket.url },
  });
  connections = {
    activeId: "local",
    connections: [{ id: "local", kind: "local", label: "Local", region: REGION, defaultBucket: BUCKET }],
  };
  sources = new BucketRuleSources({ get: async () => cos }, () => connections);
  const png = await sharp({ create: { width: 40, height: 20, channels: 4, background: "#ffffff80" } })
    .png()
    .toBuffer();
  for (const key of ["logos/mark.png", "logos/mark-dark.webp", "logos/readme.txt", "photos/a.jpg"]) {
    await cos.putObject({ bucket: BUCKET, key, body: png });
  }
});

afterAll(async () => {
  await cos.close();
  await bucket.close();
  await rm(root, { recursive: true, force: true });
});

describe("BucketRuleSources", () => {
  it("lists the active bucket's styles with their rules", async () => {
    expect(await sources.styles()).toEqual({ bucket: BUCKET, styles: [] });
    await cos.putStyle({ bucket: BUCKET, name: "web", body: "imageMogr2/thumbnail/800x/format/webp" });
    await cos.putStyle({ bucket: BUCKET, name: "thumb", body: "imageMogr2/thumbnail/!50p" });
    const { styles } = await sources.styles();
    expect(styles).toEqual(
      expect.arrayContaining([
        { name: "web", body: "imageMogr2/thumbnail/800x/format/webp" },
        { name: "thumb", body: "imageMogr2/thumbnail/!50p" },
      ]),
    );
    expect(styles).toHaveLength(2);
  });

  it("offers only images under the typed prefix as watermark images", async () => {
    expect(await sources.watermarkImages("logos/")).toEqual({
      bucket: BUCKET,
      region: REGION,
      keys: ["logos/mark-dark.webp", "logos/mark.png"],
      truncated: false,
    });
    expect((await sources.watermarkImages("")).keys).toContain("photos/a.jpg");
  });

  it("says so when the active connection has no default bucket", async () => {
    const saved = connections;
    connections = { activeId: "x", connections: [{ id: "x", kind: "cos", label: "X", region: REGION }] };
    try {
      await expect(sources.styles()).rejects.toMatchObject({ code: "no-bucket" });
    } finally {
      connections = saved;
    }
  });
});
