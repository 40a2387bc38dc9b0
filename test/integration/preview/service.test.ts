import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CosClient } from "../../../electron/cos/client";
import { type LocalBucket, startLocalBucket } from "../../../electron/local-bucket/index";
import { MediaStore } from "../../../electron/media/media-store";
import { PreviewService, type PreviewServiceDeps } from "../../../electron/preview/service";
import type { PicopsError } from "../../../shared/errors";
import type { PreviewAfter, PreviewRequest } from "../../../shared/ipc/channels/preview";
import { checkRule } from "../../../shared/rules/index";
import { noiseImage } from "../../fixtures/images";

const BUCKET = "picops-1250000000";
const REGION = "ap-guangzhou";
const CREDENTIALS = { secretId: "AKIDpreviewTest", secretKey: "previewTestSecretKey" };

let root: string;
let bucket: LocalBucket;
let cos: CosClient;
let media: MediaStore;
/** 2400×1600: larger than the working copy, so the interactive run is on a 1600×1067 copy. */
let largeJpeg: string;
/** 640×480: small enough to be worked on directly. */
let smallPng: string;
/** Stored 2400×1600 with EXIF Orientation 6: shown upright as 1600×2400. */
let sidewaysJpeg: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "picops-preview-"));
  largeJpeg = path.join(root, "large.jpg");
  await writeFile(largeJpeg, await noiseImage(2400, 1600).jpeg({ quality: 82 }).toBuffer());
  sidewaysJpeg = path.join(root, "sideways.jpg");
  await writeFile(
    sidewaysJpeg,
    await noiseImage(2400, 1600).withMetadata({ orientation: 6 }).jpeg({ quality: 82 }).toBuffer(),
  );
  smallPng = path.join(root, "small.png");
  await writeFile(smallPng, await noiseImage(640, 480).png().toBuffer());
  bucket = await startLocalBucket({
    root: path.join(root, "bucket"),
    region: REGION,
    buckets: [BUCKET],
    credentials: [CREDENTIALS],
  });
  cos = new CosClient(clientOptions());
  await cos.putObject({
    bucket: BUCKET,
    key: "shoot/cat.png",
    body: await noiseImage(800, 600).png().toBuffer(),
  });
  await cos.putStyle({ bucket: BUCKET, name: "square", body: "imageMogr2/thumbnail/120x120!/format/webp" });
});

function clientOptions(): ConstructorParameters<typeof CosClient>[0] {
  return {
    credentials: CREDENTIALS,
    region: REGION,
    endpoint: { kind: "path-style", baseUrl: bucket.url },
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  };
}

afterAll(async () => {
  await cos.close();
  await bucket.close();
  await rm(root, { recursive: true, force: true });
});

function service(overrides: Partial<PreviewServiceDeps> = {}): PreviewService {
  media = new MediaStore();
  const files: Record<string, string> = { large: largeJpeg, small: smallPng, sideways: sidewaysJpeg };
  return new PreviewService({
    media,
    filePath: (fileId) => files[fileId],
    connection: async () => ({ id: "local", client: cos }),
    settleMs: 0,
    ...overrides,
  });
}

let seq = 0;
function request(overrides: Partial<PreviewRequest>): PreviewRequest {
  seq += 1;
  return {
    view: "test",
    seq,
    sample: { kind: "file", fileId: "large", name: "large.jpg" },
    rule: "imageMogr2/thumbnail/300x/format/webp",
    producer: "local",
    resolution: "working",
    ...overrides,
  };
}

/** The bytes behind a media URL, as the renderer would load them. */
async function shown(url: string) {
  const item = media.get(url);
  if (!item) throw new Error(`${url} is not in the media store`);
  const { format, width, height } = await sharp(item.bytes).metadata();
  return { format, width, height, mimeType: item.mimeType, bytes: item.bytes.length };
}

function image(after: PreviewAfter) {
  if (after.kind !== "image") throw new Error(`expected an image, got ${JSON.stringify(after.error)}`);
  return after;
}

function problem(after: PreviewAfter) {
  if (after.kind !== "problem") throw new Error(`expected a problem, got a ${after.format} image`);
  return after.error;
}

function rejection(promise: Promise<unknown>): Promise<PicopsError> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: PicopsError) => error,
  );
}

describe("preview of a file the designer added", () => {
  it("shows the working copy at once: before is the original's numbers, after a real WEBP 300 px wide", async () => {
    const preview = service();
    const answer = await preview.render(request({}));
    expect(answer.before).toMatchObject({ format: "JPEG", width: 2400, height: 1600 });
    expect(answer.before.working).toMatchObject({ width: 1600, height: 1067 });
    expect(await shown(answer.before.url)).toMatchObject({ format: "jpeg", width: 1600, height: 1067 });
    const after = image(answer.after);
    expect(after).toMatchObject({ producer: "local", scope: "working-copy", format: "WEBP", width: 300 });
    expect(await shown(after.url)).toMatchObject({ format: "webp", width: 300, mimeType: "image/webp" });
    expect(answer.seq).toBe(seq);
  });

  it("runs the full resolution on request: relative sizes and bytes are the original's", async () => {
    const preview = service();
    const working = image((await preview.render(request({ rule: "imageMogr2/thumbnail/!50p" }))).after);
    expect(working).toMatchObject({ scope: "working-copy", width: 800, height: 534 });
    const full = image(
      (await preview.render(request({ rule: "imageMogr2/thumbnail/!50p", resolution: "full" }))).after,
    );
    expect(full).toMatchObject({ scope: "original", format: "JPEG", width: 1200, height: 800 });
    const bytes = await shown(full.url);
    expect(bytes).toMatchObject({ format: "jpeg", width: 1200, height: 800 });
    expect(full.bytes).toBe(bytes.bytes);
  });

  it("works on a small original directly, so the first answer is already exact", async () => {
    const answer = await service().render(
      request({ sample: { kind: "file", fileId: "small", name: "small.png" }, rule: "imageMogr2/rotate/90" }),
    );
    expect(answer.before.working).toBeUndefined();
    expect(answer.before).toMatchObject({ format: "PNG", width: 640, height: 480 });
    expect(image(answer.after)).toMatchObject({ scope: "original", format: "PNG", width: 480, height: 640 });
  });

  it("answers an invalid rule with the column of the validator's first error, and no image", async () => {
    const rule = "imageMogr2/thumbnail/0x/quality/500";
    const first = checkRule(rule).diagnostics.find((d) => d.severity === "error");
    const answer = await service().render(request({ rule }));
    const error = problem(answer.after);
    // The renderer words the error itself from the draft's own check, in the designer's language.
    expect(first?.span.start).toBe(21);
    expect(error).toMatchObject({
      code: "invalid-rule",
      message: "The rule has an error at column 22.",
      messageId: "rule-invalid-at",
      values: { column: 22 },
      path: [22],
    });
    expect(answer.before.format).toBe("JPEG");
  });

  it("says what the local engine cannot reproduce, naming it, instead of showing a wrong picture", async () => {
    const preview = service();
    const style = problem((await preview.render(request({ rule: "style/square" }))).after);
    expect(style.code).toBe("not-supported-locally");
    expect(style.message).toContain("style/square");
    const opaque = problem((await preview.render(request({ rule: "QRcode/0" }))).after);
    expect(opaque.code).toBe("not-supported-locally");
    expect(opaque.message).toContain("QRcode");
    const tencentOnly = problem(
      (await preview.render(request({ rule: "watermark/3/type/3/text/dGVuY2VudCBjbG91ZA" }))).after,
    );
    expect(tencentOnly).toMatchObject({ code: "not-supported-locally", messageId: "cos-only-operation" });
  });

  it("refuses a rule whose output would pass COS's limits before making any pixel of it (issue 13)", async () => {
    const preview = service();
    const rule = "imageMogr2/thumbnail/!1000p|imageMogr2/thumbnail/!1000p";
    const sample = { kind: "file", fileId: "small", name: "small.png" } as const;
    const refused = problem((await preview.render(request({ rule, sample, resolution: "full" }))).after);
    expect(refused).toMatchObject({
      code: "ImageResolutionExceed",
      message: "The image is 64000×48000 px; each side must be at most 50000 px.",
    });
  });

  it("refuses COS as producer for a local file, and a file no longer in the list", async () => {
    const preview = service();
    expect(problem((await preview.render(request({ producer: "cos" }))).after).code).toBe("invalid-input");
    const gone = await rejection(
      preview.render(request({ sample: { kind: "file", fileId: "gone", name: "gone.jpg" } })),
    );
    expect(gone.code).toBe("not-found");
  });
});

describe("preview of an object in the bucket", () => {
  const sample = { kind: "object", bucket: BUCKET, key: "shoot/cat.png" } as const;

  it("previews with the local engine from the downloaded original", async () => {
    const answer = await service().render(request({ sample, rule: "imageMogr2/thumbnail/200x/format/jpg" }));
    expect(answer.before).toMatchObject({ format: "PNG", width: 800, height: 600 });
    const after = image(answer.after);
    expect(after).toMatchObject({
      producer: "local",
      scope: "original",
      format: "JPEG",
      width: 200,
      height: 150,
    });
    expect(await shown(after.url)).toMatchObject({ format: "jpeg", width: 200, height: 150 });
  });

  it("previews with COS's download-time processing, which also knows the bucket's styles", async () => {
    const preview = service();
    const thumb = image(
      (
        await preview.render(
          request({ sample, producer: "cos", rule: "imageMogr2/thumbnail/200x/format/jpg" }),
        )
      ).after,
    );
    expect(thumb).toMatchObject({
      producer: "cos",
      scope: "original",
      format: "JPEG",
      width: 200,
      height: 150,
    });
    expect(await shown(thumb.url)).toMatchObject({ format: "jpeg", width: 200, height: 150 });
    const styled = image(
      (await preview.render(request({ sample, producer: "cos", rule: "style/square" }))).after,
    );
    expect(styled).toMatchObject({ format: "WEBP", width: 120, height: 120 });
    const keys = (await cos.listObjects({ bucket: BUCKET })).contents.map((object) => object.key);
    expect(keys).toEqual(["shoot/cat.png"]);
  });

  it("outlines what a bucket style keeps, following the style's own rule; unknown when the styles cannot be read", async () => {
    await cos.putStyle({ bucket: BUCKET, name: "middle", body: "imageMogr2/crop/600x600/format/png" });
    const rule = "style/middle";
    const styled = image((await service().render(request({ sample, producer: "cos", rule }))).after);
    // 800×600: the centred 600×600 square.
    expect(styled).toMatchObject({
      width: 600,
      height: 600,
      region: { left: 100, top: 0, width: 600, height: 600 },
    });
    expect(styled.regionUnknown).toBeUndefined();

    // COS still makes the picture, but the style API does not answer: shown whole, not lined up.
    const noStyles = new (class extends CosClient {
      override async listStyles(): Promise<never> {
        throw new Error("connect ECONNREFUSED");
      }
    })(clientOptions());
    try {
      const blind = service({ connection: async () => ({ id: "local", client: noStyles }) });
      const unknown = image((await blind.render(request({ sample, producer: "cos", rule }))).after);
      expect(unknown).toMatchObject({ width: 600, height: 600, regionUnknown: true });
      expect(unknown.region).toBeUndefined();
    } finally {
      await noStyles.close();
    }
  });

  it("answers COS's own error, with no image, when COS cannot apply the rule", async () => {
    const answer = await service().render(request({ sample, producer: "cos", rule: "style/nope" }));
    const error = problem(answer.after);
    expect(error.status).toBeGreaterThanOrEqual(400);
    expect(error.code).not.toBe("not-supported-locally");
    expect(answer.before.width).toBe(800);
  });

  it("fails with COS's code when the object is not there", async () => {
    const missing = { kind: "object", bucket: BUCKET, key: "shoot/nothing.png" } as const;
    expect((await rejection(service().render(request({ sample: missing })))).code).toBe("NoSuchKey");
  });
});

describe("superseded previews", () => {
  it("aborts an older request's work when a newer one arrives, and refuses one that arrives late", async () => {
    // A long settle keeps the full-resolution run waiting until the newer request aborts it.
    const preview = service({ settleMs: 60_000 });
    const older = request({ resolution: "full", rule: "imageMogr2/thumbnail/!50p" });
    const olderAnswer = rejection(preview.render(older));
    const newer = request({ rule: "imageMogr2/thumbnail/310x/format/png" });
    const newerAnswer = await preview.render(newer);
    expect((await olderAnswer).code).toBe("superseded");
    expect(image(newerAnswer.after)).toMatchObject({ format: "PNG", width: 310 });
    expect((await rejection(preview.render({ ...older, resolution: "working" }))).code).toBe("superseded");
  });

  it("reports the part of the original a crop keeps, in the original's pixels, for both runs", async () => {
    const preview = service();
    // 2400×1600 (3:2): the square in the middle, whether cut from the working copy or the original.
    const rule = "imageMogr2/thumbnail/!200x200r/crop/200x200";
    const working = image((await preview.render(request({ rule }))).after);
    expect(working).toMatchObject({ scope: "working-copy", width: 200, height: 200 });
    const full = image((await preview.render(request({ rule, resolution: "full" }))).after);
    for (const region of [working.region, full.region]) {
      expect(Math.abs((region?.left ?? 0) - 400)).toBeLessThan(3);
      expect(Math.abs((region?.width ?? 0) - 1600)).toBeLessThan(3);
      expect(region?.height).toBeCloseTo(1600, 0);
    }
    expect(image((await preview.render(request({}))).after).region).toBeUndefined();
  });

  it("measures a photo stored sideways as it is shown: upright sizes, and the region on the upright photo", async () => {
    const preview = service();
    const sample = { kind: "file", fileId: "sideways", name: "sideways.jpg" } as const;
    const answer = await preview.render(request({ sample }));
    expect(answer.before).toMatchObject({
      width: 1600,
      height: 2400,
      working: { width: 1067, height: 1600 },
    });
    // The stored pixels' left half is the upright photo's top half; the output keeps the tag, so it is shown upright.
    const rule = "imageMogr2/gravity/northwest/crop/1200x1600";
    const full = image((await preview.render(request({ sample, rule, resolution: "full" }))).after);
    expect(full).toMatchObject({
      width: 1200,
      height: 1600,
      region: { left: 0, top: 0, width: 1600, height: 1200 },
    });
  });

  it("keeps views apart: another window's requests do not supersede this one's", async () => {
    const preview = service();
    const mine = await preview.render(request({ view: "a" }));
    const theirs = await preview.render({ ...request({ view: "b" }), seq: 1 });
    expect(image(mine.after).width).toBe(300);
    expect(image(theirs.after).width).toBe(300);
  });
});
