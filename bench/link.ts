/**
 * A batch over a real link. A loopback proxy shapes the link between the client and the
 * Local bucket (in its own process) like a network: 40 ms round trip, 20 MB/s each way,
 * shared by every connection. Through it, photos of about 3 MB go up with one rule, once
 * through the app's batch runner (UploadService, as the main process runs it, with the
 * designer's default options) and once with cos-nodejs-sdk-v5's own `uploadFiles` (its
 * defaults). Goals: the batch moves ≥ 95 % of what the link can carry, and at least what
 * uploadFiles moves on the same link. A ceiling beside them: the same batch sent straight to
 * the Local bucket, which says how fast this machine processes the rule: a link faster than
 * that cannot be filled by any client.
 * Run: npx tsx bench/link.ts [--files N]
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import COS from "cos-nodejs-sdk-v5";
import type { ConnectionClients } from "../electron/connections/clients";
import { CosClient } from "../electron/cos/client";
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
  process.stdout.write(`generating ${FILES} photo-like JPEGs (${DISTINCT_PHOTOS} distinct)… `);
  const folder = path.join(work, "photos");
  await mkdir(folder, { recursive: true });
  const files = Array.from({ length: FILES }, (_, i) =>
    path.join(folder, `p${String(i).padStart(3, "0")}.jpg`),
  );
  let bytes = 0;
  for (let i = 0; i < DISTINCT_PHOTOS; i++) {
    const photo = await photoLikeJpeg(WIDTH, HEIGHT, i + 1);
    await writeFile(files[i] as string, photo);
    for (let j = i + DISTINCT_PHOTOS; j < FILES; j += DISTINCT_PHOTOS)
      await copyFile(files[i] as string, files[j] as string);
    bytes += photo.length * Math.ceil((FILES - i) / DISTINCT_PHOTOS);
  }
  console.log(`${(bytes / FILES / 1e6).toFixed(2)} MB each, ${(bytes / 1e6).toFixed(0)} MB in all`);
  const floorSeconds = bytes / LINK.bytesPerSecond;
  console.log(`the link carries them in ${floorSeconds.toFixed(1)} s at best`);
  // SDK first, then the batch: neither meets a bucket the other has warmed much more.
  const sdk = await viaSdk(link.url, files, bytes);
  console.log(`uploadFiles: ${sdk.seconds.toFixed(1)} s, ${(sdk.share * 100).toFixed(1)} % of the link`);
  const picops = await viaBatchRunner(link.url, folder, path.join(work, "journal-link"), bytes);
  console.log(
    `batch runner: ${picops.seconds.toFixed(1)} s, ${(picops.share * 100).toFixed(1)} % of the link`,
  );
  const direct = await viaBatchRunner(bucket.url, folder, path.join(work, "journal-direct"), bytes);
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
