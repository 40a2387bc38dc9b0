/**
 * A batch over a real link. A loopback proxy shapes the link between the client and the
 * Local bucket (in its own process) like a network: 40 ms round trip, 20 MB/s each way,
 * shared by every connection. Through it, photos of about 3 MB go up with one rule, once
 * through the app's batch runner (UploadService, as the main process runs it, with the
 * designer's default options) and once with cos-nodejs-sdk-v5's own `uploadFiles` (its
 * defaults). Goals: the batch moves ≥ 95 % of what the link can carry, and at least what
 * uploadFiles moves on the same link. Two ceilings beside them: the Local bucket alone on the
 * link (bare signed PUTs of the same photos from memory, many at once: what the server can
 * take through this link, which no client can beat) and the same batch sent straight to the
 * Local bucket (how fast this machine processes the rule).
 * Every photo has its own bytes and size, as a camera's files do, and every run writes under
 * its own prefix: the duplicate check at start has nothing to find, so it reads no MD5
 * (identical copies would make it read every file before the first byte goes out).
 * Run: npx tsx bench/link.ts [--files N]
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import COS from "cos-nodejs-sdk-v5";
import { Agent } from "undici";
import type { ConnectionClients } from "../electron/connections/clients";
import { CosClient } from "../electron/cos/client";
import { signRequest } from "../electron/cos/signature";
import { EventBus } from "../electron/ipc/event-bus";
import { UploadService } from "../electron/uploads/service";
import { DEFAULT_CONCURRENCY, defaultUploadOptions } from "../shared/uploads/options";
import { startBucketProcess } from "./lib/bucket-process";
import { photoLikeJpeg } from "./lib/photo";
import { recordFigures, times, workloadSize } from "./lib/report";
import { type LinkShape, startShapedLink } from "./lib/shaped-link";

const { values } = parseArgs({
  options: { files: { type: "string", default: String(workloadSize(100, 20)) } },
});
const FILES = Number(values.files);
const LINK: LinkShape = { roundTripMs: 40, bytesPerSecond: 20 * 1000 * 1000 };
/** Twelve megapixels at q90: about 3 MB, a camera file's weight. */
const WIDTH = 4000;
const HEIGHT = 3000;
const DISTINCT_PHOTOS = 4;
/** Requests at once for the Local bucket alone: more than any client here uses, so the link or the server is the limit. */
const CEILING_CONCURRENCY = 8;
const RULE = "imageMogr2/thumbnail/400x/format/webp/quality/80";
const FILEID = "/thumbs/{name}.webp";
const BUCKET = "bench-1250000000";
const REGION = "ap-guangzhou";
const CREDENTIALS = { secretId: "AKIDbenchLink", secretKey: "benchLinkSecretKey" };

interface Run {
  seconds: number;
  /** Bytes of the photos per second, against the link's rate. */
  share: number;
}

async function viaBatchRunner(
  linkUrl: string,
  folder: string,
  prefix: string,
  journalDir: string,
  bytes: number,
): Promise<Run> {
  const client = new CosClient({
    credentials: CREDENTIALS,
    region: REGION,
    endpoint: { kind: "path-style", baseUrl: linkUrl },
  });
  const clients = { get: async () => client } as unknown as ConnectionClients;
  const service = await UploadService.open({
    journalDir,
    bus: new EventBus(),
    clients,
    activeConnectionId: () => "link",
  });
  try {
    const started = performance.now();
    await service.addFiles([{ path: folder, relativePath: "picops" }]);
    const batch = await service.start({
      ...defaultUploadOptions(BUCKET),
      prefix,
      rules: [{ rule: RULE, fileid: FILEID }],
    });
    for (;;) {
      const detail = service.batch(batch.id);
      if (detail.state === "finished") {
        const seconds = (performance.now() - started) / 1000;
        if (detail.totals.done !== FILES)
          throw new Error(`the batch finished ${detail.totals.done} of ${FILES}`);
        return { seconds, share: bytes / seconds / LINK.bytesPerSecond };
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    service.close();
    await client.close();
  }
}

/** The Local bucket alone: signed PUTs with the rule, bodies from memory, answers drained unread. */
async function bareOnLink(linkUrl: string, photos: Buffer[], bytes: number): Promise<Run> {
  const origin = new URL(linkUrl);
  const agent = new Agent({ connections: CEILING_CONCURRENCY });
  const put = async (index: number) => {
    const key = `bare/p${String(index).padStart(3, "0")}.jpg`;
    const body = photos[index] as Buffer;
    const now = Math.round(Date.now() / 1000);
    const headers = { host: origin.host, "content-length": String(body.length) };
    const authorization = signRequest({
      ...CREDENTIALS,
      method: "PUT",
      path: `/${key}`,
      headers,
      startTime: now - 1,
      endTime: now + 900,
    });
    const answer = await agent.request({
      origin: origin.origin,
      path: `/${BUCKET}/${key}`,
      method: "PUT",
      headers: {
        ...headers,
        authorization,
        "pic-operations": JSON.stringify({
          is_pic_info: 1,
          rules: [{ fileid: `/bare-thumbs/${index}.webp`, rule: RULE }],
        }),
      },
      body,
    });
    await answer.body.dump({ limit: Number.POSITIVE_INFINITY });
    if (answer.statusCode !== 200) throw new Error(`bare PUT answered ${answer.statusCode}`);
  };
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: CEILING_CONCURRENCY }, async () => {
        while (next < photos.length) await put(next++);
      }),
    );
  } finally {
    await agent.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, share: bytes / seconds / LINK.bytesPerSecond };
}

async function viaSdk(linkUrl: string, files: string[], bytes: number): Promise<Run> {
  const cos = new COS({
    SecretId: CREDENTIALS.secretId,
    SecretKey: CREDENTIALS.secretKey,
    Domain: `${new URL(linkUrl).host}/{Bucket}`,
    Protocol: "http:",
  });
  const started = performance.now();
  const result = await cos.uploadFiles({
    files: files.map((file) => ({
      Bucket: BUCKET,
      Region: REGION,
      Key: `sdk/${path.basename(file)}`,
      FilePath: file,
      Headers: {
        "Pic-Operations": JSON.stringify({
          is_pic_info: 1,
          rules: [{ fileid: `/sdk-thumbs/${path.basename(file, ".jpg")}.webp`, rule: RULE }],
        }),
      },
    })),
  });
  const seconds = (performance.now() - started) / 1000;
  const failed = result.files.filter((file) => file.error);
  if (failed.length > 0)
    throw new Error(`uploadFiles failed ${failed.length} files: ${failed[0]?.error?.message}`);
  return { seconds, share: bytes / seconds / LINK.bytesPerSecond };
}

const work = await mkdtemp(path.join(tmpdir(), "picops-bench-link-"));
const bucket = await startBucketProcess({
  root: path.join(work, "bucket"),
  region: REGION,
  buckets: [BUCKET],
  credentials: [CREDENTIALS],
});
const link = await startShapedLink(new URL(bucket.url), LINK);
try {
  process.stdout.write(
    `generating ${FILES} photo-like JPEGs (${DISTINCT_PHOTOS} scenes, every file its own bytes and size)… `,
  );
  const folder = path.join(work, "photos");
  await mkdir(folder, { recursive: true });
  const scenes = await Promise.all(
    Array.from({ length: DISTINCT_PHOTOS }, (_, i) => photoLikeJpeg(WIDTH, HEIGHT, i + 1)),
  );
  const photos = Array.from({ length: FILES }, (_, i) =>
    withComment(scenes[i % DISTINCT_PHOTOS] as Buffer, i),
  );
  const files = photos.map((_, i) => path.join(folder, `p${String(i).padStart(3, "0")}.jpg`));
  await Promise.all(photos.map((photo, i) => writeFile(files[i] as string, photo)));
  const bytes = photos.reduce((sum, photo) => sum + photo.length, 0);
  console.log(`${(bytes / FILES / 1e6).toFixed(2)} MB each, ${(bytes / 1e6).toFixed(0)} MB in all`);
  const floorSeconds = bytes / LINK.bytesPerSecond;
  console.log(`the link carries them in ${floorSeconds.toFixed(1)} s at best`);
  const bare = await bareOnLink(link.url, photos, bytes);
  console.log(
    `the Local bucket alone on the link: ${bare.seconds.toFixed(1)} s, ${(bare.share * 100).toFixed(1)} % of the link`,
  );
  // SDK first, then the batch: neither meets a bucket the other has warmed much more.
  const sdk = await viaSdk(link.url, files, bytes);
  console.log(`uploadFiles: ${sdk.seconds.toFixed(1)} s, ${(sdk.share * 100).toFixed(1)} % of the link`);
  const picops = await viaBatchRunner(link.url, folder, "link/", path.join(work, "journal-link"), bytes);
  console.log(
    `batch runner: ${picops.seconds.toFixed(1)} s, ${(picops.share * 100).toFixed(1)} % of the link`,
  );
  const direct = await viaBatchRunner(
    bucket.url,
    folder,
    "direct/",
    path.join(work, "journal-direct"),
    bytes,
  );
  console.log(
    `the same batch, no link: ${direct.seconds.toFixed(1)} s (${(direct.share * 100).toFixed(1)} % of the link's rate)`,
  );
  const linkText = `${LINK.roundTripMs} ms round trip, ${LINK.bytesPerSecond / 1e6} MB/s`;
  recordFigures({
    workload: `${FILES} × ${WIDTH}×${HEIGHT} photo-like JPEG (${(bytes / FILES / 1e6).toFixed(1)} MB), \`${RULE}\`, is_pic_info 1, over a shaped loopback link (${linkText}) to the Local bucket in its own process; batch runner at its default concurrency (${DEFAULT_CONCURRENCY}), uploadFiles with its defaults`,
    figures: [
      {
        figure: "share of the link's bandwidth used by the batch",
        picops: `${(picops.share * 100).toFixed(1)} % (${picops.seconds.toFixed(1)} s)`,
        baseline: `the link's rate: ${floorSeconds.toFixed(1)} s for these bytes`,
        ratio: times(picops.share),
        goal: "≥ 95 %",
        met: picops.share >= 0.95,
      },
      {
        figure:
          "share of what the Local bucket alone takes on this link (ceiling: bare signed PUTs of the same photos from memory)",
        picops: `${(bytes / picops.seconds / 1e6).toFixed(1)} MB/s`,
        baseline: `the Local bucket alone, ${CEILING_CONCURRENCY} at once: ${(bytes / bare.seconds / 1e6).toFixed(1)} MB/s (${(bare.share * 100).toFixed(1)} % of the link)`,
        ratio: times(bare.seconds / picops.seconds),
        goal: "",
      },
      {
        figure: "ceiling: the same batch straight to the Local bucket (no link), against the link's rate",
        picops: `${(bytes / direct.seconds / 1e6).toFixed(1)} MB/s (${direct.seconds.toFixed(1)} s)`,
        baseline: `the link's rate: ${LINK.bytesPerSecond / 1e6} MB/s`,
        ratio: times(direct.share),
        goal: "",
      },
      {
        figure: "batch throughput against the SDK's uploadFiles on the same link",
        picops: `${(bytes / picops.seconds / 1e6).toFixed(1)} MB/s`,
        baseline: `cos-nodejs-sdk-v5 uploadFiles: ${(bytes / sdk.seconds / 1e6).toFixed(1)} MB/s`,
        ratio: times(sdk.seconds / picops.seconds),
        goal: "≥ 1×",
        met: picops.seconds <= sdk.seconds,
      },
    ],
  });
} finally {
  await link.close();
  await bucket.close();
  await rm(work, { recursive: true, force: true });
}

/**
 * The photo with a JPEG comment (COM segment) naming its index, as long as the index is large,
 * after the JFIF header (libjpeg wants that first): every file gets its own bytes and its own
 * size, as camera files do.
 */
function withComment(jpeg: Buffer, index: number): Buffer {
  const at = jpeg.readUInt16BE(2) === 0xffe0 ? 4 + jpeg.readUInt16BE(4) : 2;
  const text = Buffer.from(`picops bench photo ${index} `.padEnd(24 + index, "."));
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, at), segment, text, jpeg.subarray(at)]);
}
