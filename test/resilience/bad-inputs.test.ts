import { mkdir, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_BUCKET_NAME } from "../../shared/connections";
import { encodeUrlSafeBase64 } from "../../shared/rules/base64";
import type { UploadOptions } from "../../shared/uploads/options";
import { jpegDeclaring, noiseImage, pngDeclaring } from "../fixtures/images";
import { eventSocketCloseCode, pageHeaders, type RunningApp, sendToHost, startApp } from "./app";

/**
 * Bad inputs through the app's real entry points — the IPC router and the web host's HTTP
 * API — on one running app. Each must be refused with its own error, and the app must go
 * on working afterwards: after every case the same good file is added and planned.
 */

let app: RunningApp;
let good: string;

const goodOptions: UploadOptions = {
  bucket: LOCAL_BUCKET_NAME,
  prefix: "",
  naming: "keep",
  put: {},
  isPicInfo: false,
  rules: [{ rule: "imageMogr2/thumbnail/16x", fileid: "{name}_w16.{ext}" }],
  concurrency: 2,
};

beforeAll(async () => {
  app = await startApp();
  await mkdir(path.join(app.dir, "in"));
  good = await writeInput("good.jpg", await noiseImage(32, 24).jpeg().toBuffer());
});

afterAll(async () => {
  await app?.close();
});

/** Writes a file the designer then picks (files.add takes only what was given). */
async function writeInput(name: string, bytes: Buffer | string): Promise<string> {
  const file = path.join(app.dir, "in", name);
  await writeFile(file, bytes);
  app.services.grantFiles([file]);
  return file;
}

/** Adds one path, as a drop gives it; answers the problem intake found, and takes the file out again. */
async function intakeProblem(filePath: string): Promise<unknown> {
  app.services.grantFiles([filePath]);
  const { files } = await app.value("files.add", { sources: [{ path: filePath }] });
  const added = files.filter((file) => file.path.startsWith(filePath));
  await app.value("files.remove", { ids: added.map((file) => file.id) });
  return added.length === 1 ? { relativePath: added[0]?.relativePath, ...added[0]?.problem } : added;
}

/** A call that must fail; answers its error. */
async function callError(channel: unknown, input?: unknown): Promise<unknown> {
  const result = await app.call(channel, input);
  if (result.ok) throw new Error(`${String(channel)} was accepted`);
  return result.error;
}

const startWith = (options: Partial<UploadOptions>) =>
  callError("uploads.start", { options: { ...goodOptions, ...options } });
const withRule = (rule: string, fileid = "{name}_out.{ext}") => startWith({ rules: [{ rule, fileid }] });
const withPut = (put: Record<string, unknown>) => startWith({ put } as Partial<UploadOptions>);

/** Runs an upload of the good file that the bucket refuses; answers the item's error. */
async function batchItemError(options: Partial<UploadOptions>): Promise<unknown> {
  return (await uploadedItem(good, options))?.error;
}

/**
 * Adds one file and starts its upload, which the plan's checks must refuse before a byte is
 * sent; answers the refusal, once the file (still listed: nothing is lost) is taken out again.
 */
async function refusedUpload(file: string, options: Partial<UploadOptions>): Promise<unknown> {
  await app.value("files.remove", {});
  await app.value("files.add", { sources: [{ path: file }] });
  const refusal = await callError("uploads.start", { options: { ...goodOptions, ...options } });
  const { files } = await app.value("files.list", {});
  expect(files.map((listed) => listed.path)).toEqual([file]);
  await app.value("files.remove", {});
  return refusal;
}

/** Uploads one file with processing into the Local bucket; answers its item once finished. */
async function uploadedItem(file: string, options: Partial<UploadOptions>) {
  if (file !== good) await app.value("files.remove", {});
  await app.value("files.add", { sources: [{ path: file }] });
  const { id } = await app.value("uploads.start", { options: { ...goodOptions, ...options } });
  return (await finishedBatch(id)).items[0];
}

/** A batch's detail once it has finished: its last progress event says so. */
async function finishedBatch(batchId: string) {
  await new Promise<void>((resolve) => {
    const stop = app.on("batches.progress", ({ batch }) => {
      if (batch.id === batchId && batch.state === "finished") done();
    });
    function done() {
      stop();
      resolve();
    }
    // It may have finished before anyone listened.
    void app.value("batches.detail", { batchId }).then((detail) => {
      if (detail.state === "finished") done();
    });
  });
  return app.value("batches.detail", { batchId });
}

/** A flat PNG of a few kilobytes that decodes to 1.6 million pixels. */
const flatPng = () =>
  sharp({ create: { width: 1600, height: 1000, channels: 3, background: "#336699" } })
    .png()
    .toBuffer();

/** A call over HTTP; answers the status and the error the page would show. */
async function webError(options: {
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<unknown> {
  const answer = await sendToHost(app, {
    path: options.path ?? "/api/call/app.describe",
    method: options.method ?? "POST",
    headers: { ...pageHeaders(app), ...options.headers },
    body: options.body ?? "{}",
  });
  let error: unknown;
  try {
    error = (JSON.parse(answer.body) as { error?: unknown }).error;
  } catch {
    error = answer.body;
  }
  return { status: answer.status, error };
}

const trafficLimitMessage =
  "TrafficLimit must be between 819200 and 838860800 bits per second (100 KB/s to 100 MB/s).";

interface BadInput {
  category: "file" | "rule" | "fileid" | "option" | "ipc" | "web host";
  name: string;
  send(): Promise<unknown>;
  /** What the designer (or the page) is told: matched as a subset. */
  shows: unknown;
}

const cases: BadInput[] = [
  {
    category: "file",
    name: "a text file",
    send: async () => intakeProblem(await writeInput("notes.txt", "meeting notes\n")),
    shows: { code: "not-an-image", message: expect.stringContaining("This file is not an image") },
  },
  {
    category: "file",
    name: "text named .png",
    send: async () => intakeProblem(await writeInput("fake.png", "not a picture at all")),
    shows: { code: "not-an-image", relativePath: "fake.png" },
  },
  {
    category: "file",
    name: "a truncated JPEG",
    send: async () => {
      const jpeg = await noiseImage(64, 48).jpeg().toBuffer();
      return intakeProblem(await writeInput("cut.jpg", jpeg.subarray(0, jpeg.length - 300)));
    },
    shows: { code: "corrupt", message: expect.stringMatching(/^This JPEG file is damaged/) },
  },
  {
    category: "file",
    name: "a truncated PNG",
    send: async () => {
      const png = await noiseImage(64, 48).png().toBuffer();
      return intakeProblem(await writeInput("cut.png", png.subarray(0, png.length - 100)));
    },
    shows: { code: "corrupt", message: expect.stringMatching(/^This PNG file is damaged/) },
  },
  {
    category: "file",
    name: "a zero-byte file",
    send: async () => intakeProblem(await writeInput("empty.jpg", "")),
    shows: { code: "not-an-image" },
  },
  {
    category: "file",
    name: "over 32 MB",
    send: async () => {
      const file = await writeInput("huge.jpg", await noiseImage(8, 8).jpeg().toBuffer());
      await truncate(file, 33 * 1024 * 1024);
      return intakeProblem(file);
    },
    shows: { code: "too-large", message: "33.0 MB is over COS's 32 MB limit for processing." },
  },
  {
    category: "file",
    name: "a pixel bomb (a few bytes declaring 20000×20000)",
    send: async () => intakeProblem(await writeInput("bomb.png", await pngDeclaring(20_000, 20_000))),
    shows: {
      code: "too-many-pixels",
      message: "This image has 20000×20000 pixels, more than COS's 250 million.",
    },
  },
  {
    category: "file",
    name: "a path that does not exist",
    send: () => intakeProblem(path.join(app.dir, "in", "gone.jpg")),
    shows: { code: "unreadable", message: "This file cannot be read (it no longer exists)." },
  },
  {
    category: "file",
    name: "a folder holding a non-image",
    send: async () => {
      await mkdir(path.join(app.dir, "in", "folder"));
      await writeInput("folder/readme.md", "# not an image");
      return intakeProblem(path.join(app.dir, "in", "folder"));
    },
    shows: { code: "not-an-image", relativePath: "folder/readme.md" },
  },
  {
    category: "file",
    name: "starting a batch with only refused files",
    send: async () => {
      await app.value("files.remove", {});
      await app.value("files.add", { sources: [{ path: await writeInput("only.txt", "text") }] });
      const error = await callError("uploads.start", { options: goodOptions });
      await app.value("files.remove", {});
      return error;
    },
    shows: { code: "nothing-to-upload", message: "Add at least one image that passed the checks." },
  },
  {
    category: "rule",
    name: "an unknown imageMogr2 operation (kept as written for COS; the Local bucket cannot run it)",
    send: () => batchItemError({ rules: [{ rule: "imageMogr2/spin/90", fileid: "{name}_spin.{ext}" }] }),
    shows: {
      code: "NotImplemented",
      status: 501,
      message: expect.stringContaining("The local bucket cannot reproduce this operation"),
    },
  },
  {
    category: "rule",
    name: "quality out of range",
    send: () => withRule("imageMogr2/quality/101"),
    shows: { code: "invalid-input", message: "uploads.start: Rule 1: the rule has an error at column 20" },
  },
  {
    category: "rule",
    name: "thumbnail wider than COS allows",
    send: () => withRule("imageMogr2/thumbnail/99999x"),
    shows: { code: "invalid-input", message: "uploads.start: Rule 1: the rule has an error at column 22" },
  },
  {
    category: "rule",
    name: "an output format COS does not write",
    send: () => withRule("imageMogr2/format/tiff"),
    shows: {
      code: "invalid-input",
      message: expect.stringMatching(/^uploads.start: Rule 1: the rule has an error at column \d+$/),
    },
  },
  {
    category: "rule",
    name: "six rules",
    send: () =>
      startWith({ rules: Array.from({ length: 6 }, () => goodOptions.rules[0]) as UploadOptions["rules"] }),
    shows: {
      code: "invalid-input",
      message: "uploads.start: At most 5 rules per upload (a COS limit)",
      path: ["options", "rules"],
    },
  },
  {
    category: "rule",
    name: "an empty rule",
    send: () => withRule("   "),
    shows: { code: "invalid-input", message: "uploads.start: Choose or write a rule" },
  },
  {
    category: "rule",
    name: "watermark text that is not URL-safe Base64",
    send: () => withRule("watermark/2/text/!!!"),
    shows: {
      code: "invalid-input",
      message: expect.stringMatching(/^uploads.start: Rule 1: the rule has an error at column \d+$/),
    },
  },
  {
    category: "rule",
    name: "a watermark image outside the bucket",
    send: () => withRule("watermark/1/image/aHR0cDovL2V4YW1wbGUuY29tL2EucG5n"),
    shows: {
      code: "invalid-input",
      message: expect.stringMatching(/^uploads.start: Rule 1: the rule has an error at column \d+$/),
    },
  },
  {
    category: "rule",
    name: "processing in the bucket with no rule",
    send: () =>
      callError("processing.start", {
        selection: { bucket: LOCAL_BUCKET_NAME, prefix: "" },
        options: { isPicInfo: false, rules: [], concurrency: 1 },
      }),
    shows: { code: "invalid-input", message: "processing.start: Add at least one rule" },
  },
  {
    category: "fileid",
    name: "../x.jpg",
    send: () => withRule("imageMogr2/thumbnail/16x", "../x.jpg"),
    shows: {
      code: "invalid-input",
      message: "uploads.start: Rule 1: the output name (fileid) must not contain . or .. folders",
    },
  },
  {
    category: "fileid",
    name: "/../x.jpg (absolute, escaping the bucket root)",
    send: () => withRule("imageMogr2/thumbnail/16x", "/../x.jpg"),
    shows: {
      code: "invalid-input",
      message: "uploads.start: Rule 1: the output name (fileid) must not contain . or .. folders",
    },
  },
  {
    category: "fileid",
    name: "empty",
    send: () => withRule("imageMogr2/thumbnail/16x", ""),
    shows: { code: "invalid-input", message: "uploads.start: Name the output, e.g. {name}_w800.{ext}" },
  },
  {
    category: "fileid",
    name: "an unknown placeholder",
    send: () => withRule("imageMogr2/thumbnail/16x", "{nam}.jpg"),
    shows: {
      code: "invalid-input",
      message: "uploads.start: Placeholders are {dir}, {name}, {ext}, {key} and {format}",
    },
  },
  {
    category: "fileid",
    name: "ending in /",
    send: () => withRule("imageMogr2/thumbnail/16x", "thumbs/"),
    shows: {
      code: "invalid-input",
      message: "uploads.start: Rule 1: the output name (fileid) must not end with /",
    },
  },
  {
    category: "fileid",
    name: "a control character",
    send: () => withRule("imageMogr2/thumbnail/16x", "x\u0001.jpg"),
    shows: {
      code: "invalid-input",
      message: "uploads.start: Rule 1: the output name (fileid) contains a control character",
    },
  },
  {
    category: "option",
    name: "TrafficLimit below 819200",
    send: () => withPut({ trafficLimit: 819_199 }),
    shows: { code: "invalid-input", message: `uploads.start: ${trafficLimitMessage}` },
  },
  {
    category: "option",
    name: "TrafficLimit above 838860800",
    send: () => withPut({ trafficLimit: 838_860_801 }),
    shows: {
      code: "invalid-input",
      message: `uploads.start: ${trafficLimitMessage}`,
      path: ["options", "put", "trafficLimit"],
    },
  },
  {
    category: "option",
    name: "an ACL COS does not have",
    send: () => withPut({ acl: "public-read-write" }),
    shows: { code: "invalid-input", path: ["options", "put", "acl"] },
  },
  {
    category: "option",
    name: "a storage class COS does not have",
    send: () => withPut({ storageClass: "GLACIER" }),
    shows: { code: "invalid-input", path: ["options", "put", "storageClass"] },
  },
  {
    category: "option",
    name: "a metadata name with a space",
    send: () => withPut({ metadata: { "shot by": "Ana" } }),
    shows: {
      code: "invalid-input",
      message:
        'uploads.start: Metadata name "shot by" may only contain letters, digits, "-" and "_", starting with a letter or digit.',
    },
  },
  {
    category: "option",
    name: "ContentMD5 that is not an MD5",
    send: () => withPut({ contentMd5: "abc" }),
    shows: {
      code: "invalid-input",
      message: "uploads.start: ContentMD5 must be the Base64 of a 16-byte MD5 digest.",
    },
  },
  {
    category: "option",
    name: "ContentMD5 of other bytes (the bucket checks it)",
    send: () => batchItemError({ put: { contentMd5: "1B2M2Y8AsgTpgAmY7PhCfg==" } }),
    shows: {
      code: "BadDigest",
      status: 400,
      message: "The Content-MD5 you specified did not match what we received.",
    },
  },
  {
    category: "option",
    name: "a bucket name without APPID",
    send: () => startWith({ bucket: "photos" }),
    shows: {
      code: "invalid-input",
      message: "uploads.start: Bucket is BucketName-APPID, e.g. photos-1250000000",
    },
  },
  {
    category: "option",
    name: "concurrency 0",
    send: () => startWith({ concurrency: 0 }),
    shows: { code: "invalid-input", path: ["options", "concurrency"] },
  },
  {
    category: "ipc",
    name: "an unknown channel",
    send: () => callError("uploads.delete", {}),
    shows: { code: "unknown-channel", message: 'There is no channel named "uploads.delete".' },
  },
  {
    category: "ipc",
    name: "__proto__ as the channel",
    send: () => callError("__proto__", {}),
    shows: { code: "unknown-channel", message: 'There is no channel named "__proto__".' },
  },
  {
    category: "ipc",
    name: "a channel that is not a string",
    send: () => callError({ toString: () => "app.describe" }, {}),
    shows: { code: "unknown-channel", message: "There is no channel named object." },
  },
  {
    category: "ipc",
    name: "__proto__ in the payload",
    send: async () => {
      const error = await callError(
        "files.add",
        JSON.parse(`{"sources":[{"path":"${good}"}],"__proto__":{"polluted":true}}`),
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      return error;
    },
    shows: { code: "invalid-input" },
  },
  {
    category: "ipc",
    name: "wrong types",
    send: () => callError("files.add", { sources: good }),
    shows: { code: "invalid-input", path: ["sources"] },
  },
  {
    category: "ipc",
    name: "an extra field",
    send: () => callError("batches.detail", { batchId: "x", admin: true }),
    shows: { code: "invalid-input", message: expect.stringContaining("admin") },
  },
  {
    category: "ipc",
    name: "an oversized path",
    send: () => callError("files.add", { sources: [{ path: `/${"a".repeat(5000)}` }] }),
    shows: { code: "invalid-input", path: ["sources", 0, "path"] },
  },
  {
    category: "ipc",
    name: "a payload that is not an object",
    send: () => callError("batches.pause", "every batch"),
    shows: { code: "invalid-input" },
  },
  {
    category: "ipc",
    name: "a batch that does not exist",
    send: () => callError("batches.retry", { batchId: "no-such-batch" }),
    shows: { code: "not-found", message: "That batch no longer exists." },
  },
  {
    category: "web host",
    name: "no token",
    send: () => webError({ headers: { "x-picops-token": "" } }),
    shows: { status: 401, error: { code: "http-401", message: "Missing or wrong token." } },
  },
  {
    category: "web host",
    name: "a wrong token",
    send: () => webError({ headers: { "x-picops-token": "x".repeat(32) } }),
    shows: { status: 401, error: { code: "http-401" } },
  },
  {
    category: "web host",
    name: "a foreign Origin",
    send: () => webError({ headers: { origin: "http://evil.example" } }),
    shows: { status: 403, error: { message: "Requests must come from the Picops page." } },
  },
  {
    category: "web host",
    name: "a foreign Host (DNS rebinding)",
    send: () => webError({ headers: { host: "evil.example" } }),
    shows: { status: 421, error: { message: "This address is not Picops's own." } },
  },
  {
    category: "web host",
    name: "GET on a call",
    send: () => webError({ method: "GET", body: "" }),
    shows: { status: 404, error: { message: "No such API route." } },
  },
  {
    category: "web host",
    name: "DELETE on a page",
    send: () => webError({ path: "/index.html", method: "DELETE", body: "" }),
    shows: { status: 405, error: { message: "Method not allowed." } },
  },
  {
    category: "web host",
    name: "path traversal to the vault key",
    send: () => webError({ path: "/%2e%2e/vault.key", method: "GET", body: "" }),
    shows: { status: 404, error: "Not found" },
  },
  {
    category: "web host",
    name: "a path with broken percent-encoding",
    send: () => webError({ path: "/%E0%A4%A", method: "GET", body: "" }),
    shows: { status: 404, error: "Not found" },
  },
  {
    category: "web host",
    name: "a body over 1 MB",
    send: () => webError({ body: JSON.stringify({ pad: "x".repeat(1024 * 1024) }) }),
    shows: {
      status: 200,
      error: { code: "invalid-input", message: "The call's payload is larger than 1 MB." },
    },
  },
  {
    category: "web host",
    name: "a body that is not JSON",
    send: () => webError({ body: "{sources:" }),
    shows: {
      status: 200,
      error: { code: "invalid-input", message: "The call's payload is not valid JSON." },
    },
  },
  {
    category: "web host",
    name: "a form post instead of JSON",
    send: () => webError({ headers: { "content-type": "application/x-www-form-urlencoded" }, body: "a=1" }),
    shows: { status: 200, error: { message: "Calls are JSON (Content-Type: application/json)." } },
  },
  // Hostile inputs (issue 13: web host frames, files the page never gave, journals, endpoints).
  {
    category: "web host",
    name: "a WebSocket frame over 64 KB",
    send: async () => ({ closeCode: await eventSocketCloseCode(app, Buffer.alloc(70 * 1024, 0x61), true) }),
    shows: { closeCode: 1009 },
  },
  {
    category: "web host",
    name: "a WebSocket text frame with invalid UTF-8",
    send: async () => ({
      closeCode: await eventSocketCloseCode(app, Buffer.from([0xc3, 0x28, 0xff]), false),
    }),
    shows: { closeCode: 1007 },
  },
  {
    category: "ipc",
    name: "a batch id that is a path (../victim)",
    send: () => callError("batches.forget", { batchId: "../victim" }),
    shows: { code: "invalid-input", path: ["batchId"] },
  },
  {
    category: "ipc",
    name: "testing a saved connection's stored keys against a typed address",
    send: async () => {
      const profile = { region: "ap-guangzhou", defaultBucket: "studio-1250000000" };
      const saved = await app.value("connections.saveCos", {
        label: "Studio",
        secretId: "AKIDbadInputsStoredKey",
        secretKey: "badInputsStoredSecret-not-real",
        ...profile,
      });
      const error = await callError("connections.test", {
        id: saved.id,
        secretId: "",
        secretKey: "",
        ...profile,
        customDomain: "127.0.0.1:9/{Bucket}",
      });
      await app.value("connections.delete", { id: saved.id });
      return error;
    },
    shows: { code: "keys-required", messageId: "stored-keys-other-endpoint", path: ["secretId"] },
  },
  {
    category: "file",
    name: "a system file the page never gave (/etc/passwd), over HTTP",
    send: () =>
      webError({ path: "/api/call/files.add", body: JSON.stringify({ sources: [{ path: "/etc/passwd" }] }) }),
    shows: {
      status: 200,
      error: {
        code: "file-not-given",
        status: 403,
        message:
          "/etc/passwd was not chosen, dropped or opened with Picops: only files given to Picops that way can be added.",
      },
    },
  },
  {
    category: "file",
    name: "a system folder the page never gave (/usr/share)",
    send: () => callError("files.add", { sources: [{ path: "/usr/share", relativePath: "share" }] }),
    shows: { code: "file-not-given", messageId: "file-not-given", values: { file: "/usr/share" } },
  },
  {
    category: "file",
    name: "a path climbing out of a file that was given",
    send: () => callError("files.add", { sources: [{ path: `${good}/../../../../../../etc/passwd` }] }),
    shows: { code: "file-not-given" },
  },
  {
    category: "ipc",
    name: "a browser download of a key that is not there",
    send: () => callError("bucket.download", { bucket: LOCAL_BUCKET_NAME, keys: ["no/such.jpg"], base: "" }),
    shows: { code: "NoSuchKey", status: 404 },
  },
  {
    category: "file",
    name: "a 265-byte JPEG declaring 15000×15000 (the Local bucket decodes it)",
    send: async () =>
      (await uploadedItem(await writeInput("grey.jpg", await jpegDeclaring(15_000, 15_000)), {}))?.error,
    shows: {
      code: "InvalidImageFormat",
      status: 400,
      message: expect.stringContaining("premature end of data segment"),
    },
  },
  {
    category: "rule",
    name: "thumbnail/!1000p|rotate/45 on a small PNG (past 250 million pixels)",
    send: async () =>
      refusedUpload(await writeInput("enlarge.png", await flatPng()), {
        rules: [{ rule: "imageMogr2/thumbnail/!1000p|imageMogr2/rotate/45", fileid: "{name}_big.{ext}" }],
      }),
    // The plan's trial meets COS's own refusal (ImageResolutionExceed) and Start says so.
    shows: {
      code: "invalid-plan",
      messageId: "rule-fails-on-plain",
      values: { rule: "imageMogr2/thumbnail/!1000p|imageMogr2/rotate/45", sample: "enlarge.png" },
    },
  },
  {
    category: "rule",
    name: "ten rotate/45 stages",
    send: async () =>
      refusedUpload(await writeInput("turns.png", await flatPng()), {
        rules: [
          {
            rule: Array.from({ length: 10 }, () => "imageMogr2/rotate/45").join("|"),
            fileid: "{name}_turned.{ext}",
          },
        ],
      }),
    shows: { code: "invalid-plan", messageId: "rule-fails-on-plain", values: { sample: "turns.png" } },
  },
  {
    category: "rule",
    name: "a 600-character text watermark at fontsize 1000 (drawn as far as it shows)",
    send: async () => {
      const text = encodeUrlSafeBase64("W".repeat(600));
      const item = await uploadedItem(await writeInput("marked.png", await flatPng()), {
        rules: [{ rule: `watermark/2/text/${text}/fontsize/1000`, fileid: "{name}_marked.{ext}" }],
      });
      return { state: item?.state, width: item?.result?.processResults[0]?.width };
    },
    shows: { state: "done", width: 1600 },
  },
  {
    category: "option",
    name: "a key template with a placeholder that does not exist",
    send: () => startWith({ keyTemplate: "{year}/{name}.{ext}" }),
    shows: {
      code: "invalid-input",
      message: expect.stringContaining("uploads.start: Placeholders are {name}"),
    },
  },
  {
    category: "ipc",
    name: "a presigned link for thirty days",
    send: () =>
      callError("links.make", {
        source: { kind: "objects", bucket: LOCAL_BUCKET_NAME, keys: ["good.jpg"] },
        format: "url",
        presigned: { expiresInSeconds: 30 * 24 * 60 * 60 },
      }),
    shows: { code: "invalid-input", path: ["presigned", "expiresInSeconds"] },
  },
  {
    category: "ipc",
    name: "a link template that no longer exists",
    send: () =>
      callError("links.make", {
        source: { kind: "objects", bucket: LOCAL_BUCKET_NAME, keys: ["good.jpg"] },
        format: { templateId: "gone" },
      }),
    shows: { code: "not-found", messageId: "link-template-gone" },
  },
  {
    category: "ipc",
    name: "deleting history objects other than those listed",
    send: () =>
      callError("history.remove", {
        entryIds: ["no-such-entry"],
        deleteObjects: [{ connectionId: "local", bucket: LOCAL_BUCKET_NAME, key: "good.jpg" }],
      }),
    shows: { code: "invalid-input", messageId: "history-delete-changed" },
  },
  {
    category: "ipc",
    name: "a Quick upload of a file nobody gave Picops",
    send: () => callError("uploads.quick", { sources: [{ path: "/etc/passwd" }], prefix: "" }),
    shows: { code: "file-not-given", messageId: "file-not-given", values: { file: "/etc/passwd" } },
  },
  {
    category: "ipc",
    name: "a prefix default whose key template has an unknown placeholder",
    send: () =>
      callError("destinations.setPrefixDefault", {
        connectionId: "local",
        prefix: "blog/",
        destination: { keyTemplate: "{year}/{name}.{ext}", outputTemplate: "{name}_p.{format}" },
      }),
    shows: { code: "invalid-input", path: ["destination", "keyTemplate"] },
  },
];

describe("bad inputs", () => {
  it("cover every kind the app takes in, thirty and more", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.category)).size).toBe(6);
  });

  for (const bad of cases) {
    it(`${bad.category}: ${bad.name} → its own error, and the app keeps working`, async () => {
      expect(await bad.send()).toMatchObject(bad.shows as object);

      // Still working: the same good file is taken in and planned, over IPC and over HTTP.
      const { files } = await app.value("files.add", { sources: [{ path: good }] });
      expect(files.find((file) => file.path === good)?.problem).toBeUndefined();
      const { plans } = await app.value("uploads.plan", { options: goodOptions });
      expect(plans.map((plan) => [plan.originalKey, plan.problem])).toEqual([["good.jpg", undefined]]);
      const answer = await sendToHost(app, {
        path: "/api/call/app.describe",
        method: "POST",
        headers: pageHeaders(app),
        body: "{}",
      });
      expect(answer.status).toBe(200);
    });
  }

  it("after all of them, an upload with processing still completes", async () => {
    await app.value("files.add", { sources: [{ path: good }] });
    const { id } = await app.value("uploads.start", { options: goodOptions });
    const detail = await finishedBatch(id);
    expect(detail.items.map((item) => [item.state, item.result?.processResults[0]?.width])).toEqual([
      ["done", 16],
    ]);
    expect(app.log.filter((line) => line.includes(" error "))).toEqual([]);
  });
});
