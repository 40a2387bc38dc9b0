import { describeExif, describeImage, processImage } from "../engine/index";
import type { Exchange } from "./answer";
import {
  checkStylesExist,
  engineOptions,
  type ImageContext,
  inProcessingTurn,
  parseRuleOrFail,
  readForProcessing,
} from "./image-context";
import { noSuchKey } from "./objects";
import type { QueryPair } from "./request-target";
import type { BucketStore, StoredObject } from "./store";

/**
 * Download-time processing (reference §6): `GET /<key>?<rule>`, `?imageInfo`, `?imageAve`.
 * The answer is computed from the stored object; nothing is written.
 */

export type DownloadRequest =
  | { kind: "rule"; rule: string }
  | { kind: "imageInfo" }
  | { kind: "imageAve" }
  | { kind: "exif" };

const RULE_START = /^(?:imageMogr2|imageView2|watermark|style)\//;

/**
 * Finds the processing request in a query. The rule is a query *key* (`?imageMogr2/…`,
 * or percent-encoded with an empty value as the Node SDK sends it); a raw rule may hold
 * `=` (Base64 padding), so it is taken from the pair as sent.
 */
export function downloadRequestOf(query: readonly QueryPair[]): DownloadRequest | undefined {
  for (const pair of query) {
    if (pair.name === "imageInfo") return { kind: "imageInfo" };
    if (pair.name === "imageAve") return { kind: "imageAve" };
    if (pair.name === "exif") return { kind: "exif" };
    if (RULE_START.test(pair.name)) {
      return { kind: "rule", rule: pair.value === "" ? pair.name : decodeURIComponent(pair.raw) };
    }
  }
  return undefined;
}

async function readImage(store: BucketStore, key: string): Promise<{ object: StoredObject; input: Buffer }> {
  const read = await readForProcessing(store, key);
  if (!read) throw noSuchKey();
  return { object: read.object, input: read.data };
}

function sendBody(exchange: Exchange, contentType: string, body: Buffer): void {
  exchange.res.writeHead(200, { "Content-Type": contentType, "Content-Length": body.length });
  exchange.res.end(exchange.req.method === "HEAD" ? undefined : body);
}

export async function answerDownloadRequest(
  exchange: Exchange,
  context: ImageContext,
  store: BucketStore,
  key: string,
  request: DownloadRequest,
): Promise<void> {
  switch (request.kind) {
    case "rule": {
      const pipeline = parseRuleOrFail(request.rule);
      checkStylesExist(pipeline, context.styles.get(store.name));
      const { input } = await readImage(store, key);
      const result = await inProcessingTurn(context, exchange.signal, () =>
        processImage(input, pipeline, engineOptions(context, store.name, exchange.signal)),
      );
      sendBody(exchange, result.mimeType, result.data);
      return;
    }
    case "imageInfo": {
      const { object, input } = await readImage(store, key);
      const info = await inProcessingTurn(context, exchange.signal, () =>
        describeImage(input, { signal: exchange.signal }),
      );
      // Every value is a string, as COS sends it (reference §6).
      const json = {
        format: info.format.toLowerCase(),
        width: String(info.width),
        height: String(info.height),
        size: String(object.size),
        md5: object.etag.replaceAll('"', ""),
        frame_count: String(info.frameCount),
        bit_depth: String(info.bitDepth),
        // Only a file that records its density has one to report; COS writes whole numbers.
        ...(info.density === undefined
          ? {}
          : {
              vertical_dpi: String(Math.round(info.density)),
              horizontal_dpi: String(Math.round(info.density)),
            }),
      };
      sendBody(exchange, "application/json", Buffer.from(JSON.stringify(json)));
      return;
    }
    case "imageAve": {
      const { input } = await readImage(store, key);
      const info = await inProcessingTurn(context, exchange.signal, () =>
        describeImage(input, { signal: exchange.signal }),
      );
      sendBody(exchange, "application/json", Buffer.from(JSON.stringify({ RGB: info.ave })));
      return;
    }
    case "exif": {
      const { input } = await readImage(store, key);
      const exif = await describeExif(input, { signal: exchange.signal });
      // CI's page: a picture without EXIF answers {"error" : "no exif data"}.
      const json = exif && Object.keys(exif).length > 0 ? exif : { error: "no exif data" };
      sendBody(exchange, "application/json", Buffer.from(JSON.stringify(json)));
      return;
    }
  }
}
