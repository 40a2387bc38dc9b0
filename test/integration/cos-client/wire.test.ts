import { createHash } from "node:crypto";
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import COS from "cos-nodejs-sdk-v5";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CosClient, type CosClientOptions } from "../../../electron/cos/client";
import type { CosError } from "../../../electron/cos/cos-error";
import { parseAuthorization } from "../../../electron/cos/signature";
import { errorXml, type FakeCos, reply, startFakeCos } from "./fake-cos";

const BUCKET = "examplebucket-1250000000";
const SECRET_ID = "AKIDwireTestSecretId";
const SECRET_KEY = "wireTestSecretKeyNeverShown";

let dir: string;
let fake: FakeCos | undefined;
let client: CosClient | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "picops-cos-client-"));
});

afterEach(async () => {
  await client?.close();
  await fake?.close();
  client = undefined;
  fake = undefined;
  await rm(dir, { recursive: true, force: true });
});

function clientFor(server: FakeCos, options: Partial<CosClientOptions> = {}): CosClient {
  client = new CosClient({
    credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
    region: "ap-guangzhou",
    endpoint: { kind: "path-style", baseUrl: server.baseUrl },
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
  return client;
}

async function fileOf(size: number, name = "body.bin"): Promise<{ file: string; bytes: Buffer }> {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4096) bytes.writeUInt32LE(i, i);
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return { file, bytes };
}

function rejection(promise: Promise<unknown>): Promise<CosError> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: CosError) => error,
  );
}

describe("signing on the wire", () => {
  it("signs what it sends exactly as cos-nodejs-sdk-v5 would, path-style signing only the key", async () => {
    fake = await startFakeCos([reply(200, "", { etag: '"abc"' })]);
    const key = "photos/夏 天/a b!'()*.jpg";
    await clientFor(fake).putObject({
      bucket: BUCKET,
      key,
      body: Buffer.from("hello"),
      options: { acl: "public-read", metadata: { author: "Ada" }, computeMd5: true },
    });
    const [request] = fake.requests;
    expect(request?.url).toBe(`/${BUCKET}/photos/%E5%A4%8F%20%E5%A4%A9/a%20b%21%27%28%29%2A.jpg`);
    const authorization = String(request?.headers.authorization);
    const parsed = parseAuthorization(authorization);
    expect(parsed?.headerList).toEqual([
      "content-length",
      "content-md5",
      "content-type",
      "host",
      "x-cos-acl",
      "x-cos-meta-author",
    ]);
    expect(request?.headers["content-md5"]).toBe(createHash("md5").update("hello").digest("base64"));
    const sdk = COS.getAuthorization({
      SecretId: SECRET_ID,
      SecretKey: SECRET_KEY,
      Method: "PUT",
      Key: key,
      Headers: request?.headers as Record<string, string>,
      KeyTime: parsed?.keyTime ?? "",
    });
    expect(authorization).toBe(sdk);
    const [start, end] = (parsed?.keyTime ?? "").split(";").map(Number);
    expect((end ?? 0) - (start ?? 0)).toBe(901);
  });

  it("signs only headers that actually arrive, for every method", async () => {
    fake = await startFakeCos([
      reply(200),
      reply(204),
      reply(200, "<ListBucketResult><Name>b</Name><IsTruncated>false</IsTruncated></ListBucketResult>"),
      reply(200, "<DeleteResult><Deleted><Key>a.jpg</Key></Deleted></DeleteResult>"),
    ]);
    const cos = clientFor(fake);
    await cos.headObject({ bucket: BUCKET, key: "a.jpg" });
    await cos.deleteObject({ bucket: BUCKET, key: "a.jpg" });
    await cos.listObjects({ bucket: BUCKET, prefix: "p/", delimiter: "/", maxKeys: 10 });
    await cos.deleteObjects({ bucket: BUCKET, keys: ["a.jpg"] });
    expect(fake.requests.map((request) => request.method)).toEqual(["HEAD", "DELETE", "GET", "POST"]);
    for (const request of fake.requests) {
      const parsed = parseAuthorization(String(request.headers.authorization));
      for (const name of parsed?.headerList ?? []) expect(request.headers[name], name).toBeDefined();
      const url = new URL(request.url, fake.baseUrl);
      const sdk = COS.getAuthorization({
        SecretId: SECRET_ID,
        SecretKey: SECRET_KEY,
        Method: request.method as "GET",
        Pathname: url.pathname.slice(`/${BUCKET}`.length),
        Query: Object.fromEntries(url.searchParams),
        Headers: request.headers as Record<string, string>,
        KeyTime: parsed?.keyTime ?? "",
      });
      expect(request.headers.authorization).toBe(sdk);
    }
  });

  it("sends an STS token as x-cos-security-token and signs it", async () => {
    fake = await startFakeCos([reply(200)]);
    let asked = 0;
    const sts = clientFor(fake, {
      credentials: async () => {
        asked += 1;
        return { secretId: "tmpId", secretKey: "tmpKey", sessionToken: `token-${asked}` };
      },
    });
    await sts.headObject({ bucket: BUCKET, key: "a.jpg" });
    const [request] = fake.requests;
    expect(request?.headers["x-cos-security-token"]).toBe("token-1");
    expect(parseAuthorization(String(request?.headers.authorization))?.headerList).toContain(
      "x-cos-security-token",
    );
  });

  it("sends download-time rules as an encoded query key with an empty value, and surfaces X-ErrNo", async () => {
    fake = await startFakeCos([
      reply(200, "PNGBYTES", { "content-type": "image/png" }),
      reply(400, errorXml("InvalidImageFormat", "Input is not an image"), { "x-errno": "-441" }),
    ]);
    const cos = clientFor(fake);
    const image = await cos.getProcessedImage({
      bucket: BUCKET,
      maxBytes: 2 ** 20,
      key: "a.jpg",
      rule: "imageMogr2/thumbnail/300x300!",
    });
    expect(image).toEqual({ contentType: "image/png", bytes: Buffer.from("PNGBYTES") });
    expect(fake.requests[0]?.url).toBe(`/${BUCKET}/a.jpg?imageMogr2%2Fthumbnail%2F300x300%21=`);
    expect(parseAuthorization(String(fake.requests[0]?.headers.authorization))?.urlParamList).toEqual([
      "imagemogr2%2fthumbnail%2f300x300%21",
    ]);
    const error = await rejection(
      cos.getProcessedImage({
        bucket: BUCKET,
        key: "a.txt",
        rule: "imageMogr2/format/png",
        maxBytes: 2 ** 20,
      }),
    );
    expect(error).toMatchObject({ code: "InvalidImageFormat", status: 400, errNo: -441 });
    expect(fake.requests).toHaveLength(2);
  });
});

describe("retries", () => {
  it("retries a 503 and re-reads the file body for the second attempt", async () => {
    fake = await startFakeCos([
      reply(503, errorXml("ServiceUnavailable", "Please reduce your request rate.")),
      reply(200, "", { etag: '"etag-2"' }),
    ]);
    const { file, bytes } = await fileOf(300_000);
    const result = await clientFor(fake).putObject({ bucket: BUCKET, key: "a.bin", body: { file } });
    expect(result.etag).toBe('"etag-2"');
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.body.equals(bytes)).toBe(true);
    expect(fake.requests[1]?.headers["content-length"]).toBe(String(bytes.length));
  });

  it("gives up after three attempts with COS's code", async () => {
    fake = await startFakeCos([reply(500, errorXml("InternalError", "We encountered an internal error."))]);
    const error = await rejection(clientFor(fake).headObject({ bucket: BUCKET, key: "a.jpg" }));
    expect(error).toMatchObject({ code: "InternalError", status: 500 });
    expect(fake.requests).toHaveLength(3);
  });

  it("never retries a 4xx", async () => {
    fake = await startFakeCos([reply(400, errorXml("InvalidArgument", "bad"))]);
    const error = await rejection(
      clientFor(fake).putObject({ bucket: BUCKET, key: "a.bin", body: Buffer.from("x") }),
    );
    expect(error).toMatchObject({ code: "InvalidArgument", status: 400 });
    expect(fake.requests).toHaveLength(1);
  });

  it("retries after the connection is reset", async () => {
    fake = await startFakeCos([
      (request) => {
        request.socket.destroy();
      },
      reply(200, "", { etag: '"ok"' }),
    ]);
    const result = await clientFor(fake).putObject({
      bucket: BUCKET,
      key: "a.bin",
      body: Buffer.from("payload"),
    });
    expect(result.etag).toBe('"ok"');
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.body.toString()).toBe("payload");
  });

  it("reports a network error with a code once retries run out", async () => {
    fake = await startFakeCos([
      (request) => {
        request.socket.destroy();
      },
    ]);
    const error = await rejection(clientFor(fake).headObject({ bucket: BUCKET, key: "a.jpg" }));
    expect(error.code).toBe("network-error");
    expect(fake.requests).toHaveLength(3);
  });
});

describe("clock skew", () => {
  const SERVER_NOW = Date.parse("2030-06-01T12:00:00Z");
  const skewCheck = (
    request: import("node:http").IncomingMessage,
    response: import("node:http").ServerResponse,
  ) => {
    const start = Number(parseAuthorization(String(request.headers.authorization))?.keyTime.split(";")[0]);
    request.resume();
    request.on("end", () => {
      if (Math.abs(start * 1000 - SERVER_NOW) > 60_000) {
        response.writeHead(403, { date: new Date(SERVER_NOW).toUTCString() });
        response.end(
          errorXml(
            "RequestTimeTooSkewed",
            "The difference between the request time and the server's time is too large.",
          ),
        );
      } else {
        response.writeHead(200, { etag: '"ok"' });
        response.end();
      }
    });
  };

  it("learns COS's clock from the Date header, re-signs and retries once, then signs right first time", async () => {
    fake = await startFakeCos([skewCheck]);
    const localNow = Date.parse("2020-01-01T00:00:00Z");
    const cos = clientFor(fake, { now: () => localNow });
    await cos.putObject({ bucket: BUCKET, key: "a.bin", body: Buffer.from("x") });
    expect(fake.requests).toHaveLength(2);
    const corrected = Number(
      parseAuthorization(String(fake.requests[1]?.headers.authorization))?.keyTime.split(";")[0],
    );
    expect(Math.abs(corrected * 1000 - SERVER_NOW)).toBeLessThanOrEqual(2000);
    expect(cos.clockOffsetMs).toBe(SERVER_NOW - localNow);
    await cos.headObject({ bucket: BUCKET, key: "a.bin" });
    expect(fake.requests).toHaveLength(3);
  });

  it("retries a skew only once", async () => {
    fake = await startFakeCos([
      reply(403, errorXml("RequestTimeTooSkewed", "too skewed"), {
        date: new Date(SERVER_NOW).toUTCString(),
      }),
    ]);
    const error = await rejection(clientFor(fake).deleteObject({ bucket: BUCKET, key: "a.jpg" }));
    expect(error.code).toBe("RequestTimeTooSkewed");
    expect(fake.requests).toHaveLength(2);
  });

  it("treats a bodiless HEAD 403 as skew when COS's Date is far from our clock", async () => {
    fake = await startFakeCos([skewCheck]);
    const cos = clientFor(fake, { now: () => Date.parse("2020-01-01T00:00:00Z") });
    const metadata = await cos.headObject({ bucket: BUCKET, key: "a.jpg" });
    expect(metadata.etag).toBe('"ok"');
    expect(fake.requests).toHaveLength(2);
  });

  it("does not take a HEAD 403 for skew when the clocks agree", async () => {
    fake = await startFakeCos([reply(403, "", { date: new Date().toUTCString() })]);
    const error = await rejection(clientFor(fake).headObject({ bucket: BUCKET, key: "a.jpg" }));
    expect(error.code).toBe("AccessDenied");
    expect(fake.requests).toHaveLength(1);
  });
});

describe("uploads", () => {
  it("reports byte progress up to the total, for files and for bytes", async () => {
    fake = await startFakeCos([reply(200)]);
    const cos = clientFor(fake);
    const { file } = await fileOf(1_000_000);
    for (const body of [{ file }, Buffer.alloc(300_000, 7)]) {
      const events: { loaded: number; total: number }[] = [];
      await cos.putObject({ bucket: BUCKET, key: "p.bin", body, onProgress: (p) => events.push(p) });
      const total = body instanceof Buffer ? 300_000 : 1_000_000;
      expect(events.length).toBeGreaterThan(1);
      expect(events.at(-1)).toEqual({ loaded: total, total });
      expect(events.every((event, i) => i === 0 || event.loaded >= (events[i - 1]?.loaded ?? 0))).toBe(true);
    }
  });

  it("streams a 40 MB file from disk as it sends, instead of reading it whole first", async () => {
    const size = 40 * 1024 * 1024;
    const tail = Buffer.alloc(1024 * 1024, 0xbb);
    const { file, bytes } = await fileOf(size, "big.bin");
    // Once COS has the first bytes, the file's last megabyte changes on disk. A client that
    // streams reads the tail later and sends the new bytes; one that buffered the file up
    // front sends the old ones. The server stops reading meanwhile, so backpressure holds
    // the client back until the file has changed.
    const changed = Buffer.concat([bytes.subarray(0, size - tail.length), tail]);
    const digest = createHash("md5");
    let received = 0;
    fake = await startFakeCos([
      (request, response) => {
        let tailWritten = false;
        request.on("data", (chunk: Buffer) => {
          received += chunk.length;
          digest.update(chunk);
          if (tailWritten) return;
          tailWritten = true;
          request.pause();
          void (async () => {
            const handle = await open(file, "r+");
            await handle.write(tail, 0, tail.length, size - tail.length);
            await handle.close();
            request.resume();
          })();
        });
        request.on("end", () => {
          response.writeHead(200, { etag: '"big"' });
          response.end();
        });
      },
    ]);
    await clientFor(fake).putObject({ bucket: BUCKET, key: "big.bin", body: { file } });
    expect(received).toBe(size);
    expect(digest.digest("hex")).toBe(createHash("md5").update(changed).digest("hex"));
    expect(fake.requests[0]?.headers["content-length"]).toBe(String(size));
    expect(fake.requests[0]?.headers["transfer-encoding"]).toBeUndefined();
  });

  it("stops mid-upload when aborted, rejecting with `aborted` and no retry", async () => {
    const controller = new AbortController();
    let closedEarly: Promise<number> | undefined;
    fake = await startFakeCos([
      (request) => {
        let bytes = 0;
        closedEarly = new Promise((resolve) => request.on("close", () => resolve(bytes)));
        request.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (!controller.signal.aborted) controller.abort();
        });
      },
    ]);
    const size = 16 * 1024 * 1024;
    const { file } = await fileOf(size, "abort.bin");
    const error = await rejection(
      clientFor(fake).putObject({
        bucket: BUCKET,
        key: "abort.bin",
        body: { file },
        signal: controller.signal,
      }),
    );
    expect(error.code).toBe("aborted");
    expect(await closedEarly).toBeLessThan(size);
    expect(fake.requests).toHaveLength(1);
  });

  it("rejects at once when the signal is already aborted, sending nothing", async () => {
    fake = await startFakeCos([reply(200)]);
    const error = await rejection(
      clientFor(fake).headObject({ bucket: BUCKET, key: "a.jpg", signal: AbortSignal.abort() }),
    );
    expect(error.code).toBe("aborted");
    expect(fake.requests).toHaveLength(0);
  });

  it("stops waiting between retries when aborted", async () => {
    const controller = new AbortController();
    fake = await startFakeCos([
      (request, response) => {
        request.resume();
        request.on("end", () => {
          response.writeHead(503);
          response.end(errorXml("ServiceUnavailable", "busy"), () => controller.abort());
        });
      },
    ]);
    const cos = clientFor(fake, { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 }, random: () => 0.99 });
    const error = await rejection(
      cos.headObject({ bucket: BUCKET, key: "a.jpg", signal: controller.signal }),
    );
    expect(error.code).toBe("aborted");
    expect(fake.requests).toHaveLength(1);
  });
});

describe("secrets", () => {
  it("never put the SecretKey in an error", async () => {
    fake = await startFakeCos([
      reply(403, errorXml("SignatureDoesNotMatch", "The signature does not match.")),
    ]);
    const error = await rejection(
      clientFor(fake).putObject({ bucket: BUCKET, key: "a.bin", body: Buffer.from("x") }),
    );
    expect(error.code).toBe("SignatureDoesNotMatch");
    const everything = `${error.message} ${error.stack} ${JSON.stringify(error)} ${JSON.stringify(error.toAppError())}`;
    expect(everything).not.toContain(SECRET_KEY);
    expect(inspect(client, { depth: 5, showHidden: true })).not.toContain(SECRET_KEY);
    expect(JSON.stringify(client)).not.toContain(SECRET_KEY);
  });
});
