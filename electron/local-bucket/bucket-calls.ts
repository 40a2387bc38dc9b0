import { createHash } from "node:crypto";
import { objectKeyProblem } from "../../shared/cos/names";
import { formatMessage } from "../../shared/error-messages";
import { type Exchange, sendXml } from "./answer";
import { CosFailure } from "./failure";
import { type ListQuery, listPage } from "./listing";
import { badDigest, expectedMd5, queryValue } from "./objects";
import { malformedXml, readBody, XML_BODY_LIMIT } from "./request-body";
import type { QueryPair } from "./request-target";
import type { BucketStore, StoredObject } from "./store";
import { asList, parseXml, textOf, xmlDocument } from "./xml";

/** Bucket-level calls of reference §3: POST ?delete (Delete Multiple) and GET Bucket (List Objects v1). */

/** POST /?delete with `<Delete><Quiet/><Object><Key/></Object>…</Delete>`. */
export async function deleteMultiple(exchange: Exchange, store: BucketStore): Promise<void> {
  const md5 = expectedMd5(exchange);
  const body = await readBody(exchange.req, XML_BODY_LIMIT, malformedXml);
  if (md5 && !md5.equals(createHash("md5").update(body).digest())) throw badDigest();
  const root = parseXml(body.toString("utf8"))?.Delete;
  if (typeof root !== "object" || root === null) throw malformedXml();
  const request = root as Record<string, unknown>;
  const quiet = textOf(request.Quiet)?.toLowerCase() === "true";
  const keys = asList(request.Object).map((o) => textOf((o as Record<string, unknown> | null)?.Key));
  if (keys.length === 0 || keys.length > 1000) throw malformedXml();
  const deleted: { Key: string }[] = [];
  const errors: { Key: string; Code: string; Message: string }[] = [];
  for (const key of keys) {
    const problem = key === undefined ? undefined : objectKeyProblem(key);
    if (problem || key === undefined) {
      errors.push({
        Key: key ?? "",
        Code: "InvalidArgument",
        Message: problem
          ? formatMessage(problem.messageId, problem.values)
          : "The object key cannot be used: the key is missing.",
      });
      continue;
    }
    await store.delete(key);
    if (!quiet) deleted.push({ Key: key });
  }
  sendXml(exchange, 200, xmlDocument("DeleteResult", { Deleted: deleted, Error: errors }));
}

/** COS names a bucket's owner by its account; the APPID at the end of the name stands for it here. */
export function bucketOwner(store: BucketStore): string {
  return store.name.slice(store.name.lastIndexOf("-") + 1);
}

function listQuery(query: readonly QueryPair[]): ListQuery {
  const maxKeysText = queryValue(query, "max-keys");
  const maxKeys = maxKeysText === undefined || maxKeysText === "" ? 1000 : Number(maxKeysText);
  if (!Number.isInteger(maxKeys) || maxKeys < 0) {
    throw new CosFailure(400, "InvalidArgument", "max-keys must be a whole number from 0 to 1000.");
  }
  return {
    prefix: queryValue(query, "prefix") ?? "",
    delimiter: queryValue(query, "delimiter") ?? "",
    marker: queryValue(query, "marker") ?? "",
    maxKeys: Math.min(maxKeys, 1000),
  };
}

/** GET Bucket (List Objects v1), reference §3 ListBucketResult. */
export function listObjects(exchange: Exchange, store: BucketStore, query: readonly QueryPair[]): void {
  const params = listQuery(query);
  const encodingType = queryValue(query, "encoding-type");
  if (encodingType !== undefined && encodingType !== "url") {
    throw new CosFailure(400, "InvalidArgument", "encoding-type must be url.");
  }
  // With encoding-type=url every name is percent-encoded, `/` kept, as in object URLs.
  const name = (text: string) =>
    encodingType === "url" ? encodeURIComponent(text).replace(/%2F/g, "/") : text;
  const page = listPage(store.keys(), params);
  const owner = bucketOwner(store);
  sendXml(
    exchange,
    200,
    xmlDocument("ListBucketResult", {
      Name: store.name,
      EncodingType: encodingType,
      Prefix: name(params.prefix),
      Marker: name(params.marker),
      MaxKeys: params.maxKeys,
      Delimiter: params.delimiter === "" ? undefined : name(params.delimiter),
      IsTruncated: page.isTruncated,
      NextMarker: page.nextMarker === undefined ? undefined : name(page.nextMarker),
      Contents: page.keys.map((key) => {
        const object = store.get(key) as StoredObject;
        return {
          Key: name(key),
          LastModified: object.lastModified,
          ETag: object.etag,
          Size: object.size,
          Owner: { ID: owner, DisplayName: owner },
          StorageClass: object.storageClass,
        };
      }),
      CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: name(prefix) })),
    }),
  );
}
